-- One story (cluster) for the desk's Story page: its row and its first report.
SELECT c.cluster_id, c.first_article_id, c.first_seen_at, c.first_published_at, c.title,
       c.languages, c.countries, c.topics, c.sources, c.relevance, c.size,
       a.url, a.language, coalesce(s.name, a.source_id) AS outlet
FROM clusters c
JOIN articles a ON a.article_id = c.first_article_id
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE c.cluster_id = $cluster_id;
