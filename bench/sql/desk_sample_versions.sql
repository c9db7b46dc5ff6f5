-- $n articles taken down after a change: the evidence pages (third version) the desk bench opens.
SELECT article_id FROM article_versions WHERE version = 3 ORDER BY article_id LIMIT $n;
