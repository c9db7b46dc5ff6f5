-- Parquet export partitioned by day; the target directory is bound by the caller.
SELECT *, CAST(coalesce(published_at, first_seen_at) AS DATE) AS day FROM articles
