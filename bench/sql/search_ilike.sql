-- The baseline a search replaces: a case-insensitive scan of every article's text.
SELECT count(*) FROM articles WHERE text ILIKE $p;
