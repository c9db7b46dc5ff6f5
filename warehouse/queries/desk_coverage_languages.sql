-- The desk's Coverage page: distinct stories (and articles) a day per language from $first_day to
-- $last_day about the countries and on the topics asked for; a story in two languages is in both.
-- The counts of article_facets' rows, but on the window's articles only (chosen by day first): an
-- article has a facet row of the countries and topics asked for when it names one of each.
SELECT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day, language,
       count(DISTINCT cluster_id) AS stories, count(DISTINCT article_id) AS articles
FROM articles
WHERE CAST(coalesce(published_at, first_seen_at) AS DATE) BETWEEN $first_day AND $last_day
  AND len(list_intersect(countries, $countries::VARCHAR[])) > 0
  AND len(list_intersect(topics, $topics::VARCHAR[])) > 0
GROUP BY ALL
ORDER BY day, language;
