-- What a watch already alerted ($prefix: 'watch:<name>:'): per story, the languages it was alerted in.
SELECT cluster_id, list_sort(list_distinct(flatten(list(coalesce(languages, []))))) AS languages
FROM alerts
WHERE kind = 'watch' AND starts_with(alert_id, $prefix)
GROUP BY cluster_id;
