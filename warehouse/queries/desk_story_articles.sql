-- Every article of the story $cluster_id in the order they appeared (story_timeline), with what
-- made each relevant, the landing run its archived response is in, and its later versions
-- (article_versions: changed, gone, restored), newest last.
SELECT t.position, t.dated, t.published_at, t.first_seen_at, t.source_id, t.outlet, t.outlet_country,
       t.language, t.title, t.url, t.article_id,
       a.script, a.topics, a.countries, a.organizations, a.relevance, a.relevance_terms, a.run_id,
       a.canonical_url, a.report_index,
       (SELECT list({'version': v.version, 'status': v.status, 'http_status': v.http_status,
                     'fetched_at': v.fetched_at, 'title': v.title, 'run_id': v.run_id} ORDER BY v.version)
        FROM article_versions v WHERE v.article_id = t.article_id) AS versions
FROM story_timeline t
JOIN articles a USING (article_id)
WHERE t.cluster_id = $cluster_id
ORDER BY t.position;
