-- Stories the alert rules look at: relevant clusters never alerted (first published since
-- $since), clusters alerted before (for the spread rule), and with $lookback every relevant
-- cluster since $since. Each with its first report and what it was alerted in.
WITH alerted AS (
    SELECT cluster_id,
           list_sort(list_distinct(flatten(list(coalesce(languages, []))))) AS languages,
           list_sort(list_distinct(flatten(list(coalesce(countries, []))))) AS countries
    FROM alerts
    WHERE cluster_id IS NOT NULL AND kind IN ('new_story', 'story_spread')
    GROUP BY cluster_id
)
SELECT
    c.cluster_id,
    c.first_article_id,
    a.title,
    a.url,
    a.source_id,
    coalesce(s.name, a.source_id) AS outlet,
    a.language,
    c.countries,
    c.topics,
    c.languages,
    c.size,
    c.relevance,
    coalesce(c.first_published_at, c.first_seen_at) AS published_at,
    al.cluster_id IS NOT NULL AS alerted,
    al.languages AS alerted_languages,
    al.countries AS alerted_countries
FROM clusters c
JOIN articles a ON a.article_id = c.first_article_id
LEFT JOIN sources s ON s.source_id = a.source_id
LEFT JOIN alerted al ON al.cluster_id = c.cluster_id
WHERE c.relevance >= $threshold
  AND (  (al.cluster_id IS NULL AND coalesce(c.first_published_at, c.first_seen_at) >= $since)
      OR (al.cluster_id IS NOT NULL AND len(al.languages) > 0
          AND NOT (list_has_all(al.languages, c.languages) AND list_has_all(al.countries, c.countries)))
      OR ($lookback AND coalesce(c.first_published_at, c.first_seen_at) >= $since))
ORDER BY published_at, c.cluster_id;
