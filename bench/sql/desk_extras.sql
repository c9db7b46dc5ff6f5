-- What the desk shows beyond the cookbook's warehouse: crawl errors by kind on runs with errors,
-- and later versions (changed, then one in ten taken down) of one article in a thousand.
UPDATE crawl_runs SET errors_by_kind = CASE WHEN errors > 0 THEN '{"http_404": 1, "timeout": ' || errors || '}' ELSE '{}' END;

INSERT INTO article_versions (article_id, version, status, http_status, url, title, text, content_hash,
                              published_at, fetched_at, run_id, loaded_at)
SELECT article_id, 2, 'changed', 200, url, title || ' (updated)', text, md5(article_id), published_at,
       first_seen_at + INTERVAL 1 DAY, run_id, first_seen_at + INTERVAL 1 DAY
FROM articles WHERE hash(article_id) % 1000 = 0;

INSERT INTO article_versions (article_id, version, status, http_status, url, title, text, content_hash,
                              published_at, fetched_at, run_id, loaded_at)
SELECT article_id, 3, 'gone', 404, url, NULL, NULL, NULL, NULL, fetched_at + INTERVAL 2 DAY, run_id,
       fetched_at + INTERVAL 2 DAY
FROM article_versions WHERE version = 2 AND hash(article_id) % 10 = 0;
