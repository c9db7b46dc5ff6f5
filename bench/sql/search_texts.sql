-- Titles and bodies for the synthetic warehouse's articles $first..$last (search bench): words of
-- each article's language drawn from `vocab` with Zipf-like frequencies (rank = V^u, u uniform),
-- 80 to 400 words a body, 8 a title. Uzbek articles alternate between the Latin and Cyrillic lists.
UPDATE articles SET title = g.title, text = g.text
FROM (
    SELECT d.article_id,
           string_agg(v.word, ' ' ORDER BY d.j) FILTER (WHERE d.j <= 8) AS title,
           string_agg(v.word, ' ' ORDER BY d.j) AS text
    FROM (
        SELECT a.article_id, a.variant, a.j,
               least(s.size, greatest(1, floor(pow(s.size, (hash(a.i, a.j) % 1000003) / 1000003.0))::INTEGER)) AS rank
        FROM (
            SELECT article_id, i, unnest(range(1, 81 + (i % 320)::INTEGER)) AS j,
                   CASE WHEN language = 'uz' THEN 'uz-' || CASE WHEN i % 2 = 0 THEN 'Latn' ELSE 'Cyrl' END
                        ELSE language END AS variant
            FROM (SELECT article_id, language, hash(article_id) AS i FROM articles
                  WHERE article_id >= printf('%016x', $first) AND article_id < printf('%016x', $last))
        ) a
        JOIN (SELECT variant, max(size) AS size FROM vocab GROUP BY variant) s USING (variant)
    ) d
    JOIN vocab v ON v.variant = d.variant AND v.rank = d.rank
    GROUP BY d.article_id
) g
WHERE articles.article_id = g.article_id;
