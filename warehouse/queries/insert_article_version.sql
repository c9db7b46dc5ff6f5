-- The next version of a stored article; a rerun of the same run adds nothing.
INSERT INTO article_versions
SELECT $article_id,
       coalesce((SELECT max(version) FROM article_versions WHERE article_id = $article_id), 1) + 1,
       $status, $http_status, $url, $title, $text, $content_hash, $published_at, $fetched_at,
       $run_id, $loaded_at
WHERE EXISTS (SELECT 1 FROM articles WHERE article_id = $article_id)
  AND NOT EXISTS (SELECT 1 FROM article_versions
                  WHERE article_id = $article_id AND run_id IS NOT DISTINCT FROM $run_id
                    AND status = $status AND content_hash IS NOT DISTINCT FROM $content_hash);
