-- Per source: last successful run, items per run, days since its newest article, error rate,
-- documents set aside as unreadable (unreadable_documents has each with its reason).
CREATE OR REPLACE VIEW source_health AS
WITH runs AS (
    SELECT source_id,
           count(*) AS runs,
           max(finished_at) FILTER (WHERE status = 'ok') AS last_success,
           avg(items) AS items_per_run,
           avg(CASE WHEN status = 'failed' OR errors > 0 THEN 1.0 ELSE 0.0 END) AS error_rate
    FROM crawl_runs GROUP BY source_id
), latest AS (
    SELECT source_id, max(first_seen_at) AS last_item_at, count(*) AS articles
    FROM articles GROUP BY source_id
), quarantined AS (
    SELECT source_id, count(*) AS unreadable FROM unreadable_documents GROUP BY source_id
)
SELECT
    s.source_id,
    s.name,
    s.enabled,
    coalesce(r.runs, 0) AS runs,
    r.last_success,
    round(coalesce(r.items_per_run, 0), 2) AS items_per_run,
    coalesce(l.articles, 0) AS articles,
    l.last_item_at,
    date_diff('day', CAST(l.last_item_at AS DATE), current_date) AS days_silent,
    round(coalesce(r.error_rate, 0), 3) AS error_rate,
    coalesce(q.unreadable, 0) AS unreadable
FROM sources s
LEFT JOIN runs r USING (source_id)
LEFT JOIN latest l USING (source_id)
LEFT JOIN quarantined q USING (source_id);
