-- Coverage per day x country x topic x language: distinct stories and articles in each
-- language. A story reported in two languages is in both rows: sum `stories` over languages
-- only with that in mind (coverage_daily counts each story once per day x country x topic).
CREATE OR REPLACE VIEW coverage_daily_language AS
SELECT day, country, topic, language,
       count(DISTINCT cluster_id) AS stories,
       count(*) AS articles
FROM article_facets
GROUP BY day, country, topic, language;
