-- Coverage per day x country x topic x outlet (source_id): distinct stories and articles each
-- outlet published. A story two outlets reported is in both rows (coverage_daily counts it once).
CREATE OR REPLACE VIEW coverage_daily_source AS
SELECT day, country, topic, source_id,
       count(DISTINCT cluster_id) AS stories,
       count(*) AS articles
FROM article_facets
GROUP BY day, country, topic, source_id;
