-- Every article of the stories $cluster_ids, earliest first, with the first $lead characters of
-- its text: the versions a Today line folds in and the lead that weighs its main country and
-- topic. The rows are found on the narrow cluster_id column first and the text read for those
-- rows only (by rowid): matching on cluster_id beside the text column reads every text.
SELECT
    a.cluster_id,
    a.article_id,
    a.title,
    a.url,
    a.language,
    coalesce(s.name, a.source_id) AS outlet,
    a.source_id,
    a.published_at,
    left(a.text, $lead) AS text
FROM articles a
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE a.rowid IN (SELECT rowid FROM articles WHERE list_contains($cluster_ids::VARCHAR[], cluster_id))
ORDER BY a.cluster_id, a.published_at NULLS LAST, a.first_seen_at, a.article_id;
