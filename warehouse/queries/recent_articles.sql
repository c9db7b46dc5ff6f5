-- Candidates new articles may join: the last $days days of stored articles.
SELECT article_id, cluster_id, language, title, text, report_index
FROM articles
WHERE coalesce(published_at, first_seen_at) >= $since
ORDER BY first_seen_at;
