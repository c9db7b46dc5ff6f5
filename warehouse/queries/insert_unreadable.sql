-- One document set aside, with why.
INSERT OR REPLACE INTO unreadable_documents (run_id, url, source_id, stage, reason, content_type, bytes,
    sha256, loaded_at)
VALUES ($run_id, $url, $source_id, $stage, $reason, $content_type, $bytes, $sha256, $loaded_at);
