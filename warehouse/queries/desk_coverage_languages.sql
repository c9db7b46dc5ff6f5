-- The desk's Coverage page: distinct stories (and articles) a day per language from $first_day to
-- $last_day about the countries and on the topics asked for; a story in two languages is in both.
-- What article_facets' rows count, on the window's articles only: the days are chosen first, then
-- the articles with a country and a topic asked for (unnested, as the view does), counted once each.
WITH chosen AS (
    SELECT rowid AS article_row, cluster_id, language, countries, topics,
           CAST(coalesce(published_at, first_seen_at) AS DATE) AS day
    FROM articles
    WHERE CAST(coalesce(published_at, first_seen_at) AS DATE) BETWEEN $first_day AND $last_day
), by_country AS (
    SELECT article_row, topics, unnest(countries) AS country
    FROM chosen
), by_topic AS (
    SELECT article_row, unnest(topics) AS topic
    FROM by_country
    WHERE list_contains($countries::VARCHAR[], country)
), matched AS (
    SELECT DISTINCT article_row
    FROM by_topic
    WHERE list_contains($topics::VARCHAR[], topic)
)
SELECT day, language, count(DISTINCT cluster_id) AS stories, count(*) AS articles
FROM chosen SEMI JOIN matched USING (article_row)
GROUP BY day, language
ORDER BY day, language;
