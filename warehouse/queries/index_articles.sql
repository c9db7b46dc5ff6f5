-- Stored articles the story index lacks ($ids), with what it needs to index them.
SELECT article_id, language, title, text, published_at, first_seen_at, organizations, countries,
       report_index, cluster_id, source_id
FROM articles
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
ORDER BY coalesce(published_at, first_seen_at), first_seen_at, article_id;
