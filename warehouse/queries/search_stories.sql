-- Stories of the articles a search matched ($ids with their $scores, best first): one row per
-- story, best first, with its best article (the snippet's text), languages and first report.
-- The stories are chosen on the narrow columns first; text is read for those few only.
WITH hits AS (
    SELECT unnest($ids::VARCHAR[]) AS article_id, unnest($scores::DOUBLE[]) AS score
), top AS (
    SELECT a.cluster_id, max(h.score) AS score, count(*) AS matched,
           arg_max(a.article_id, (h.score, a.article_id)) AS article_id
    FROM hits h JOIN articles a USING (article_id)
    GROUP BY a.cluster_id
    ORDER BY score DESC, a.cluster_id
    LIMIT $limit
)
SELECT t.cluster_id, t.score, t.matched, t.article_id, b.title, b.text, b.language, b.url,
       c.languages, CAST(coalesce(c.first_published_at, c.first_seen_at) AS VARCHAR) AS first_reported,
       f.source_id AS first_source, f.url AS first_url, c.countries, c.topics, c.size
FROM top t
JOIN clusters c ON c.cluster_id = t.cluster_id
JOIN articles b ON b.article_id = t.article_id
JOIN articles f ON f.article_id = c.first_article_id
ORDER BY t.score DESC, t.cluster_id;
