SELECT canonical_url, content_hash, article_id FROM articles;
