-- Why an article is (or is not) relevant: the words that made each topic and country, as
-- written in the text ("lgbt: трансгендер", "detention: задержаны", "KZ: Алматы"). Articles
-- loaded before this column existed keep NULL.
ALTER TABLE articles ADD COLUMN relevance_terms VARCHAR[];
