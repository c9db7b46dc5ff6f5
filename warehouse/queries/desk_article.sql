-- One article and its later versions' runs, for the desk's evidence page (the archived response).
SELECT a.article_id, a.cluster_id, a.url, a.canonical_url, a.source_id, coalesce(s.name, a.source_id) AS outlet,
       a.title, a.language, a.published_at, a.first_seen_at, a.run_id,
       (SELECT list({'version': v.version, 'status': v.status, 'http_status': v.http_status, 'url': v.url,
                     'fetched_at': v.fetched_at, 'run_id': v.run_id} ORDER BY v.version)
        FROM article_versions v WHERE v.article_id = a.article_id) AS versions
FROM articles a
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE a.article_id = $article_id;
