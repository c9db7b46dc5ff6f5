-- Stories of the articles a search matched ($ids with their $scores, best first): one row per
-- story, its best article (the snippet's text), languages and first report.
WITH hits AS (
    SELECT unnest($ids::VARCHAR[]) AS article_id, unnest($scores::DOUBLE[]) AS score
), matched AS (
    SELECT a.cluster_id, h.score, a.article_id, a.title, a.text, a.url, a.language, a.source_id,
           coalesce(a.published_at, a.first_seen_at) AS at
    FROM hits h JOIN articles a USING (article_id)
)
SELECT m.cluster_id,
       max(m.score) AS score,
       count(*) AS matched,
       arg_max(m.article_id, (m.score, m.article_id)) AS article_id,
       arg_max(m.title, (m.score, m.article_id)) AS title,
       arg_max(m.text, (m.score, m.article_id)) AS text,
       arg_max(m.language, (m.score, m.article_id)) AS language,
       arg_max(m.url, (m.score, m.article_id)) AS url,
       any_value(c.languages) AS languages,
       CAST(any_value(coalesce(c.first_published_at, c.first_seen_at)) AS VARCHAR) AS first_reported,
       any_value(f.source_id) AS first_source,
       any_value(f.url) AS first_url,
       any_value(c.countries) AS countries,
       any_value(c.topics) AS topics,
       any_value(c.size) AS size
FROM matched m
JOIN clusters c USING (cluster_id)
JOIN articles f ON f.article_id = c.first_article_id
GROUP BY m.cluster_id
ORDER BY score DESC, m.cluster_id
LIMIT $limit;
