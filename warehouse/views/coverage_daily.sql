-- Articles and stories per day x country x topic x language x source.
-- Articles about no region country, or with no topic, count under NULL.
-- Two-stage aggregation (per story first, then per group) counts distinct stories cheaply.
CREATE OR REPLACE VIEW coverage_daily AS
WITH by_country AS (
    SELECT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day,
           unnest(CASE WHEN len(countries) = 0 THEN [NULL::VARCHAR] ELSE countries END) AS country,
           topics, language, source_id, cluster_id
    FROM articles
), facets AS (
    SELECT day, country,
           unnest(CASE WHEN len(topics) = 0 THEN [NULL::VARCHAR] ELSE topics END) AS topic,
           language, source_id, cluster_id
    FROM by_country
), per_story AS (
    SELECT day, country, topic, language, source_id, cluster_id, count(*) AS articles
    FROM facets
    GROUP BY ALL
)
SELECT day, country, topic, language, source_id, sum(articles)::BIGINT AS articles, count(*) AS stories
FROM per_story
GROUP BY ALL;
