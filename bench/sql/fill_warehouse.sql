-- A synthetic warehouse of n articles (the parameter n) for timing the cookbook: 50 sources, 12 languages,
-- stories of about three articles, a year of days, topics and countries in realistic shares.
INSERT INTO sources
SELECT 'src-' || i, 'Source ' || i, 'feed', 'https://src' || i || '.example/rss',
       ['KZ','KG','UZ','TJ','TM','AM','AZ','GE','BY','RU','UA'][1 + i % 11],
       [['kk','ky','ru','uz','tg','tk','hy','az','ka','be','uk','en'][1 + i % 12]], 'news', i % 17 <> 0,
       'daily', TIMESTAMP '2026-11-24 05:00:00'
FROM range(50) t(i);

INSERT INTO crawl_runs (run_id, source_id, started_at, finished_at, items, errors, status, error_samples)
SELECT 'run-' || d, 'src-' || s, TIMESTAMP '2026-11-24 05:00:00' - INTERVAL (d) DAY,
       TIMESTAMP '2026-11-24 05:10:00' - INTERVAL (d) DAY, (hash(d, s) % 40)::INTEGER,
       (hash(s, d) % 7 = 0)::INTEGER, CASE WHEN hash(s, d) % 23 = 0 THEN 'failed' ELSE 'ok' END, '[]'
FROM range(365) a(d), range(50) b(s);

INSERT INTO articles (article_id, url, canonical_url, source_id, title, text, published_at, first_seen_at,
                      language, script, language_score, topics, countries, organizations, relevance,
                      cluster_id, content_hash, report_index, run_id, loaded_at)
SELECT
    printf('%016x', i), 'https://src' || (i % 50) || '.example/a/' || i, 'https://src' || (i % 50) || '.example/a/' || i,
    'src-' || (i % 50), 'Synthetic headline ' || i, 'Synthetic body text of article ' || i,
    TIMESTAMP '2026-11-24 12:00:00' - INTERVAL ((i * 7919) % 31536000) SECOND,
    TIMESTAMP '2026-11-24 12:00:00' - INTERVAL ((i * 7919) % 31536000) SECOND + INTERVAL 2 HOUR,
    ['kk','ky','ru','uz','tg','tk','hy','az','ka','be','uk','en'][1 + (i // 3) % 12], 'Cyrl', 0.99,
    CASE i % 10 WHEN 0 THEN ['lgbt'] WHEN 1 THEN ['assembly', 'detention'] WHEN 2 THEN ['lgbt', 'ban', 'legislation']
                WHEN 3 THEN ['assembly'] WHEN 4 THEN ['lgbt', 'pride'] ELSE [] END,
    CASE WHEN i % 4 = 0 THEN [] ELSE [['KZ','KG','UZ','TJ','TM','AM','AZ','GE','BY','RU','UA'][1 + i % 11],
                                     ['KZ','KG','UZ','TJ','TM','AM','AZ','GE','BY','RU','UA'][1 + (i // 11) % 11]] END,
    CASE WHEN i % 13 = 0 THEN ['Amnesty International'] WHEN i % 17 = 0 THEN ['Human Rights Watch'] ELSE [] END,
    CASE WHEN i % 10 < 5 THEN 0.7 ELSE 0.1 END,
    printf('%016x', i - i % 3), md5(i::VARCHAR),
    CASE WHEN i % 5000 = 0 THEN 'ROE ' || (i % 90) || '/' || i || '/2026' END,
    'run-' || (i % 365), TIMESTAMP '2026-11-24 12:00:00'
FROM range($n) t(i);

INSERT INTO clusters
SELECT cluster_id,
       arg_min(article_id, (coalesce(published_at, TIMESTAMP '9999-12-31'), first_seen_at, article_id)),
       min(first_seen_at), min(published_at),
       arg_min(title, (coalesce(published_at, TIMESTAMP '9999-12-31'), first_seen_at, article_id)),
       list_sort(list_distinct(list(language))), list_sort(list_distinct(flatten(list(countries)))),
       list_sort(list_distinct(flatten(list(topics)))), list_sort(list_distinct(list(source_id))),
       max(relevance), count(*)
FROM articles GROUP BY cluster_id;
