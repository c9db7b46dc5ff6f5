SELECT count(*) FROM articles WHERE language IS NULL OR language = '' OR content_hash IS NULL OR content_hash = '';
