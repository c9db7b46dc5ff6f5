-- The earliest article of each story: earliest published_at (unknown dates last), then
-- first_seen_at. The choice is made when the cluster row is refreshed (refresh_clusters.sql).
-- `relevance`, `topics` and `countries` are the story's (its most relevant article's score, the
-- union of its articles' tags): filter on `relevance >= 0.5` for the stories the monitoring is about.
CREATE OR REPLACE VIEW first_reports AS
SELECT
    c.cluster_id,
    a.article_id,
    a.source_id,
    a.title,
    a.url,
    a.language,
    a.published_at,
    a.first_seen_at,
    c.languages,
    c.size,
    c.relevance,
    c.topics,
    c.countries
FROM clusters c
JOIN articles a ON a.article_id = c.first_article_id;
