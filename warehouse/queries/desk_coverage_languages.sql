-- The desk's Coverage page: distinct stories (and articles) a day per language from $first_day to
-- $last_day about the countries and on the topics asked for; a story in two languages is in both.
SELECT day, language, count(DISTINCT cluster_id) AS stories, count(DISTINCT article_id) AS articles
FROM article_facets
WHERE day BETWEEN $first_day AND $last_day
  AND list_contains($countries::VARCHAR[], country)
  AND list_contains($topics::VARCHAR[], topic)
GROUP BY day, language
ORDER BY day, language;
