SELECT count(*) AS stories, count(*) FILTER (WHERE len(languages) > 1) AS multilingual
FROM clusters WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]));
