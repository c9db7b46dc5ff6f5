-- Coverage per day x country x topic: `stories` = distinct stories (cluster_id), `articles` =
-- articles, `languages` and `outlets` = distinct languages and sources among them. Every count
-- is for its own row only: a story covered on two days, about two countries or with two topics
-- is in each of those rows, so summing `stories` over rows counts it more than once. For a
-- coarser grain (a week, a country over all topics) count distinct cluster_id in article_facets;
-- finer grains are their own views (coverage_daily_language, coverage_daily_source).
CREATE OR REPLACE VIEW coverage_daily AS
SELECT day, country, topic,
       count(DISTINCT cluster_id) AS stories,
       count(*) AS articles,
       count(DISTINCT language) AS languages,
       count(DISTINCT source_id) AS outlets
FROM article_facets
GROUP BY day, country, topic;
