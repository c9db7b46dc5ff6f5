INSERT OR REPLACE INTO crawl_runs (run_id, source_id, started_at, finished_at, items, errors,
    status, error_samples, errors_by_kind, skipped, pages, unreadable)
VALUES ($run_id, $source_id, $started_at, $finished_at, $items, $errors, $status, $error_samples,
        $errors_by_kind, $skipped, $pages, $unreadable);
