INSERT OR REPLACE INTO crawl_runs (run_id, source_id, started_at, finished_at, items, errors,
    status, error_samples)
VALUES ($run_id, $source_id, $started_at, $finished_at, $items, $errors, $status, $error_samples);
