-- The newest version of every article that has versions (the others are as first stored).
SELECT article_id, status, content_hash
FROM article_versions
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC) = 1;
