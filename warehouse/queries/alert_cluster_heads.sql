-- The first report of each cluster in $cluster_ids: title, link, language and outlet.
SELECT f.cluster_id, f.title, f.url, f.language, coalesce(s.name, f.source_id) AS outlet
FROM first_reports f
LEFT JOIN sources s ON s.source_id = f.source_id
WHERE f.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]));
