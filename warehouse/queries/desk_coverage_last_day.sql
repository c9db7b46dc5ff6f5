-- The newest day with coverage (publication, else first sight): where the Coverage page ends by default.
SELECT max(CAST(coalesce(published_at, first_seen_at) AS DATE)) AS day FROM articles;
