-- Per source: runs, last successful run, items per run, days since its newest article, and
-- error_rate = the share of the source's requests that failed, over all its crawl runs: failed
-- requests (errors) / (documents landed (items) + feed, sitemap and listing pages read + errors).
-- A source that lands 10 articles and meets one 404 a run has 1/12 = 0.083, not 1.0.
-- failed_runs counts the runs whose entry page (feed, sitemap, listing) failed.
-- Timestamps are TIMESTAMP WITH TIME ZONE, in UTC.
-- unreadable counts the documents set aside as unreadable (unreadable_documents has each
-- with its reason).
CREATE OR REPLACE VIEW source_health AS
WITH runs AS (
    SELECT source_id,
           count(*) AS runs,
           count(*) FILTER (WHERE status = 'failed') AS failed_runs,
           max(finished_at) FILTER (WHERE status = 'ok') AS last_success,
           avg(items) AS items_per_run,
           sum(errors) / nullif(sum(items + coalesce(pages, 0) + errors), 0) AS error_rate
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
    coalesce(r.failed_runs, 0) AS failed_runs,
    timezone('UTC', r.last_success) AS last_success,
    round(coalesce(r.items_per_run, 0), 2) AS items_per_run,
    coalesce(l.articles, 0) AS articles,
    timezone('UTC', l.last_item_at) AS last_item_at,
    date_diff('day', CAST(l.last_item_at AS DATE), CAST(timezone('UTC', now()) AS DATE)) AS days_silent,
    round(coalesce(r.error_rate, 0), 3) AS error_rate,
    coalesce(q.unreadable, 0) AS unreadable
FROM sources s
LEFT JOIN runs r USING (source_id)
LEFT JOIN latest l USING (source_id)
LEFT JOIN quarantined q USING (source_id);
