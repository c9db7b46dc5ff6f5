-- Each source's health with its crawl runs newest first: the silent-source rule tells a
-- broken crawl (runs failing) from a quiet outlet (runs fine, nothing new). Timestamps as naive
-- UTC, like every stored one.
WITH recent AS (
    SELECT source_id,
           list(status ORDER BY finished_at DESC) AS recent_statuses,
           arg_max(error_samples, finished_at) AS last_errors,
           min(started_at) AS first_run_at
    FROM crawl_runs
    GROUP BY source_id
)
SELECT h.source_id, h.name, h.enabled, s.category, h.runs, timezone('UTC', h.last_success) AS last_success,
       timezone('UTC', h.last_item_at) AS last_item_at,
       h.articles, h.error_rate, r.recent_statuses, r.last_errors, r.first_run_at
FROM source_health h
JOIN sources s USING (source_id)
LEFT JOIN recent r USING (source_id)
ORDER BY h.source_id;
