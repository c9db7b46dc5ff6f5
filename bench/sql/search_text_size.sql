-- Megabytes of title and text the search index takes in.
SELECT sum(strlen(title) + strlen(text)) / 1e6 FROM articles;
