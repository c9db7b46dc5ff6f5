-- One row per relevant story first seen since $since; with $only_new, only stories not yet alerted.
SELECT
    c.cluster_id,
    a.title,
    a.url,
    a.source_id,
    coalesce(s.name, a.source_id) AS outlet,
    a.language,
    c.countries,
    c.topics,
    c.languages,
    c.size,
    c.relevance,
    coalesce(c.first_published_at, c.first_seen_at) AS published_at
FROM clusters c
JOIN articles a ON a.article_id = c.first_article_id
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE c.relevance >= $threshold
  AND coalesce(c.first_published_at, c.first_seen_at) >= $since
  AND NOT ($only_new AND EXISTS (
        SELECT 1 FROM alerts al WHERE al.alert_id = 'new_story:' || c.cluster_id))
ORDER BY published_at, c.cluster_id;
