-- A run loaded: its counts, and the attempt it took (after failed ones, if any).
INSERT INTO loaded_runs (run_id, loaded_at, items, articles, duplicates, failures, status, attempts, last_error)
VALUES ($run_id, $loaded_at, $items, $articles, $duplicates, $failures, 'loaded', 1, NULL)
ON CONFLICT (run_id) DO UPDATE SET
    loaded_at = excluded.loaded_at, items = excluded.items, articles = excluded.articles,
    duplicates = excluded.duplicates, failures = excluded.failures, status = 'loaded',
    attempts = loaded_runs.attempts + 1;
