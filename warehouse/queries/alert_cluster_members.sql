-- Every article of the clusters in $cluster_ids, earliest first: the versions folded into a story's
-- line, and the texts that say which country and topic the story is mostly about. The rows are
-- found on the narrow cluster_id column first and read whole by rowid: matching on cluster_id
-- beside the text column would read every article's text.
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
WHERE a.rowid IN (SELECT rowid FROM articles WHERE list_contains($cluster_ids::VARCHAR[], cluster_id))
ORDER BY a.cluster_id, a.published_at NULLS LAST, a.first_seen_at, a.article_id;
