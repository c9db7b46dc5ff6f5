-- Each story's articles in the order they appeared, with outlet and language:
-- who reported first, who followed, and how the story travelled between languages.
CREATE OR REPLACE VIEW story_timeline AS
SELECT
    a.cluster_id,
    row_number() OVER (PARTITION BY a.cluster_id
                       ORDER BY a.published_at NULLS LAST, a.first_seen_at, a.article_id) AS position,
    coalesce(a.published_at, a.first_seen_at) AS dated,
    a.published_at,
    a.first_seen_at,
    a.source_id,
    coalesce(s.name, a.source_id) AS outlet,
    s.country AS outlet_country,
    a.language,
    a.title,
    a.url,
    a.article_id
FROM articles a
LEFT JOIN sources s USING (source_id);
