-- The desk's Coverage page: distinct stories (and articles) a day per country x topic from
-- $first_day to $last_day, for the countries and topics asked for (coverage_daily's grain).
SELECT day, country, topic, stories, articles
FROM coverage_daily
WHERE day BETWEEN $first_day AND $last_day
  AND list_contains($countries::VARCHAR[], country)
  AND list_contains($topics::VARCHAR[], topic)
ORDER BY day, country, topic;
