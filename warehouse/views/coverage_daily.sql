-- Articles and stories per day x country x topic x language x source.
-- Articles about no region country, or with no topic, count under NULL.
CREATE OR REPLACE VIEW coverage_daily AS
SELECT
    CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
    country,
    topic,
    a.language,
    a.source_id,
    count(*) AS articles,
    count(DISTINCT a.cluster_id) AS stories
FROM articles a,
     unnest(CASE WHEN len(a.countries) = 0 THEN [NULL::VARCHAR] ELSE a.countries END) AS c(country),
     unnest(CASE WHEN len(a.topics) = 0 THEN [NULL::VARCHAR] ELSE a.topics END) AS t(topic)
GROUP BY ALL;
