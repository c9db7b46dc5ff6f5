-- The last day (UTC, of publication else of first sight) up to $last_day with a relevant article
-- about a watched country on a watched topic: where the coverage charts end.
SELECT max(CAST(coalesce(published_at, first_seen_at) AS DATE)) AS day
FROM articles
WHERE relevance >= $threshold
  AND CAST(coalesce(published_at, first_seen_at) AS DATE) <= $last_day
  AND len(list_intersect(countries, $countries::VARCHAR[])) > 0
  AND len(list_intersect(topics, $topics::VARCHAR[])) > 0;
