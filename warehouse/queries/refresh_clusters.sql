-- Recompute the rows of the clusters in $cluster_ids from their articles (idempotent).
-- The first article: earliest published_at (unknown dates last), then first_seen_at, then id.
INSERT OR REPLACE INTO clusters
SELECT
    cluster_id,
    arg_min(article_id, (coalesce(published_at, TIMESTAMP '9999-12-31'), first_seen_at, article_id)),
    min(first_seen_at),
    min(published_at),
    arg_min(title, (coalesce(published_at, TIMESTAMP '9999-12-31'), first_seen_at, article_id)),
    list_sort(list_distinct(list(language))),
    list_sort(list_distinct(flatten(list(countries)))),
    list_sort(list_distinct(flatten(list(topics)))),
    list_sort(list_distinct(list(source_id))),
    max(relevance),
    count(*)
FROM articles
WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
GROUP BY cluster_id;
