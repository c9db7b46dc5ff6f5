-- The desk's Coverage page: distinct stories (and articles) a day per country x topic from
-- $first_day to $last_day, for the countries and topics asked for: the rows of coverage_daily,
-- counted the same way, but on the window's articles only. The days are chosen on the articles
-- first (a filter on the view's day reaches them only after every article's countries and topics
-- were unnested and grouped: about twice the time at a million articles), then the lists.
WITH chosen AS (
    SELECT cluster_id, countries, topics, CAST(coalesce(published_at, first_seen_at) AS DATE) AS day
    FROM articles
    WHERE CAST(coalesce(published_at, first_seen_at) AS DATE) BETWEEN $first_day AND $last_day
), by_country AS (
    SELECT day, cluster_id, topics, unnest(countries) AS country
    FROM chosen
), facets AS (
    SELECT day, cluster_id, country, unnest(topics) AS topic
    FROM by_country
    WHERE list_contains($countries::VARCHAR[], country)
)
SELECT day, country, topic, count(DISTINCT cluster_id) AS stories, count(*) AS articles
FROM facets
WHERE list_contains($topics::VARCHAR[], topic)
GROUP BY day, country, topic
ORDER BY day, country, topic;
