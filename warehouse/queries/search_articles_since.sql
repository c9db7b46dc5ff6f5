-- Articles loaded after $since (one load commits all its rows at once, so none is half seen),
-- with what the search index holds of them.
SELECT article_id, title, text, language, countries, topics, source_id,
       epoch(coalesce(published_at, first_seen_at))::BIGINT AS day, epoch(loaded_at)::BIGINT AS loaded,
       CAST(loaded_at AS VARCHAR) AS loaded_at
FROM articles
WHERE $since IS NULL OR loaded_at > CAST($since AS TIMESTAMP)
ORDER BY loaded_at, article_id;
