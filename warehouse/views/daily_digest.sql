-- The morning question: relevant stories the pipeline first saw since the start of yesterday
-- (UTC), one row per story, with its first report. Anchored on first_seen_at, not published_at,
-- so a story published earlier but found only now is still news to the analyst.
CREATE OR REPLACE VIEW daily_digest AS
SELECT
    c.cluster_id,
    a.title,
    coalesce(s.name, a.source_id) AS outlet,
    a.language,
    c.countries,
    c.topics,
    c.languages,
    c.size AS articles,
    c.relevance,
    c.first_published_at AS published_at,
    c.first_seen_at,
    a.url
FROM clusters c
JOIN articles a ON a.article_id = c.first_article_id
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE c.relevance >= 0.5  -- pipelines.tagging.RELEVANCE_THRESHOLD (a test keeps them equal)
  AND c.first_seen_at >= CAST(current_date - INTERVAL 1 DAY AS TIMESTAMP)
ORDER BY c.first_seen_at, c.cluster_id;
