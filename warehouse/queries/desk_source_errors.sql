-- Crawl errors by kind per source over its runs since $since (crawl_runs.errors_by_kind holds
-- JSON such as {"http_404": 2, "timeout": 1}), most frequent first.
WITH kinds AS (
    SELECT source_id,
           unnest(map_entries(json_transform(errors_by_kind, '"MAP(VARCHAR, BIGINT)"'))) AS entry
    FROM crawl_runs
    WHERE errors_by_kind IS NOT NULL AND json_valid(errors_by_kind) AND started_at >= $since
)
SELECT source_id, entry.key AS kind, sum(entry.value) AS errors
FROM kinds
GROUP BY source_id, kind
ORDER BY source_id, errors DESC, kind;
