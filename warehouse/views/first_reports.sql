-- The earliest article of each story: earliest published_at, then first_seen_at.
CREATE OR REPLACE VIEW first_reports AS
SELECT
    a.cluster_id,
    a.article_id,
    a.source_id,
    a.title,
    a.url,
    a.language,
    a.published_at,
    a.first_seen_at,
    c.languages,
    c.size
FROM articles a
JOIN clusters c USING (cluster_id)
QUALIFY row_number() OVER (
    PARTITION BY a.cluster_id
    ORDER BY a.published_at NULLS LAST, a.first_seen_at, a.article_id) = 1;
