INSERT OR REPLACE INTO loaded_runs (run_id, loaded_at, items, articles, duplicates, failures)
VALUES ($run_id, $loaded_at, $items, $articles, $duplicates, $failures);
