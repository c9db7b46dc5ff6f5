-- Every article of the clusters in $cluster_ids, earliest first: the versions folded into a story's
-- line, and the texts that say which country and topic the story is mostly about.
SELECT
    a.cluster_id,
    a.article_id,
    a.title,
    a.url,
    a.language,
    coalesce(s.name, a.source_id) AS outlet,
    a.source_id,
    a.published_at,
    a.text
FROM articles a
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE a.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
ORDER BY a.cluster_id, a.published_at NULLS LAST, a.first_seen_at, a.article_id;
