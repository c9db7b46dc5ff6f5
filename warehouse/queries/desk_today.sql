-- The desk's Today page: relevant stories first found (first_seen_at) on or after $since, newest
-- first, each with its first report; $limit of them from $offset on, and `total` says how many
-- there are. The stories are chosen on the clusters table alone; their first reports are then
-- read by rowid, for those rows only (a join on article_id would read every article's title).
WITH chosen AS (
    SELECT cluster_id, first_article_id, countries, topics, languages, size, relevance,
           coalesce(first_published_at, first_seen_at) AS published_at, first_seen_at,
           count(*) OVER () AS total
    FROM clusters
    WHERE relevance >= $threshold
      AND first_seen_at >= $since
      AND len(list_intersect(countries, $countries::VARCHAR[])) > 0
      AND len(list_intersect(topics, $topics::VARCHAR[])) > 0
    ORDER BY first_seen_at DESC, cluster_id
    LIMIT $limit OFFSET $offset
), heads AS (
    SELECT article_id, title, url, source_id, language
    FROM articles
    WHERE rowid IN (SELECT rowid FROM articles
                    WHERE list_contains((SELECT list(first_article_id) FROM chosen), article_id))
)
SELECT c.cluster_id, c.first_article_id, a.title, a.url, a.source_id, coalesce(s.name, a.source_id) AS outlet,
       a.language, c.countries, c.topics, c.languages, c.size, c.relevance, c.published_at, c.first_seen_at, c.total
FROM chosen c
JOIN heads a ON a.article_id = c.first_article_id
LEFT JOIN sources s ON s.source_id = a.source_id
ORDER BY c.first_seen_at DESC, c.cluster_id;
