-- The desk's Today page: relevant stories first found (first_seen_at) on or after $since, newest
-- first, each with its first report; $limit of them from $offset on, and `total` says how many there are.
SELECT
    c.cluster_id,
    c.first_article_id,
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
    coalesce(c.first_published_at, c.first_seen_at) AS published_at,
    c.first_seen_at,
    count(*) OVER () AS total
FROM clusters c
JOIN articles a ON a.article_id = c.first_article_id
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE c.relevance >= $threshold
  AND c.first_seen_at >= $since
  AND len(list_intersect(c.countries, $countries::VARCHAR[])) > 0
  AND len(list_intersect(c.topics, $topics::VARCHAR[])) > 0
ORDER BY c.first_seen_at DESC, c.cluster_id
LIMIT $limit OFFSET $offset;
