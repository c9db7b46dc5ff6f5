-- The newest load of articles, as the search index's state records it (search_articles_since.sql).
SELECT CAST(max(loaded_at) AS VARCHAR) FROM articles;
