INSERT INTO articles (article_id, url, canonical_url, source_id, title, text, published_at,
    first_seen_at, language, script, language_score, topics, countries, organizations,
    relevance, cluster_id, content_hash, report_index, run_id, loaded_at)
VALUES ($article_id, $url, $canonical_url, $source_id, $title, $text, $published_at,
    $first_seen_at, $language, $script, $language_score, $topics, $countries, $organizations,
    $relevance, $cluster_id, $content_hash, $report_index, $run_id, $loaded_at)
ON CONFLICT (article_id) DO NOTHING;
