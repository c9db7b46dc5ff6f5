-- Enabled sources whose last $runs crawl runs all landed nothing (or failed).
WITH ranked AS (
    SELECT source_id, items, status,
           row_number() OVER (PARTITION BY source_id ORDER BY finished_at DESC) AS recent
    FROM crawl_runs
)
SELECT list_sort(list(source_id)) FROM (
    SELECT r.source_id
    FROM ranked r JOIN sources s USING (source_id)
    WHERE s.enabled AND r.recent <= $runs
    GROUP BY r.source_id
    HAVING sum(r.items) = 0
);
