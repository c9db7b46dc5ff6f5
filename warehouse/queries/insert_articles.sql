-- Bulk insert of one batch from a JSON-lines file written by warehouse/load.py; existing ids are kept.
-- Columns are named: later migrations add columns to articles, each in its own place.
INSERT INTO articles (article_id, url, canonical_url, source_id, title, text, published_at, first_seen_at,
       language, script, language_score, topics, countries, organizations, relevance,
       cluster_id, content_hash, report_index, run_id, loaded_at, relevance_terms)
SELECT article_id, url, canonical_url, source_id, title, text, published_at, first_seen_at,
       language, script, language_score, topics, countries, organizations, relevance,
       cluster_id, content_hash, report_index, run_id, loaded_at, relevance_terms
FROM read_json($path, format = 'newline_delimited', columns = {
    article_id: 'VARCHAR', url: 'VARCHAR', canonical_url: 'VARCHAR', source_id: 'VARCHAR',
    title: 'VARCHAR', text: 'VARCHAR', published_at: 'TIMESTAMP', first_seen_at: 'TIMESTAMP',
    language: 'VARCHAR', script: 'VARCHAR', language_score: 'DOUBLE', topics: 'VARCHAR[]',
    countries: 'VARCHAR[]', organizations: 'VARCHAR[]', relevance: 'DOUBLE',
    cluster_id: 'VARCHAR', content_hash: 'VARCHAR', report_index: 'VARCHAR', run_id: 'VARCHAR',
    loaded_at: 'TIMESTAMP', relevance_terms: 'VARCHAR[]'})
ON CONFLICT (article_id) DO NOTHING;
