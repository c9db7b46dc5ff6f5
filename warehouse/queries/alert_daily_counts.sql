-- Relevant stories a day per country x topic from $first_day to $last_day (UTC days of
-- publication, else of first sight), with the stories' cluster ids: the spike rule and the chart.
SELECT
    CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
    country,
    topic,
    count(DISTINCT a.cluster_id) AS stories,
    list_sort(list(DISTINCT a.cluster_id)) AS cluster_ids
FROM articles a,
     unnest(a.countries) AS c(country),
     unnest(a.topics) AS t(topic)
WHERE a.relevance >= $threshold
  AND CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) BETWEEN $first_day AND $last_day
GROUP BY ALL
ORDER BY day, country, topic;
