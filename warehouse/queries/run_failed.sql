-- A run that failed as a whole: counted, and set aside ('quarantined') once it has failed
-- $max_attempts times; until then 'failed' runs are processed again. A run loaded already (the
-- failure came after its load committed) stays loaded.
INSERT INTO loaded_runs (run_id, loaded_at, items, articles, duplicates, failures, status, attempts, last_error)
VALUES ($run_id, $at, 0, 0, 0, 0, CASE WHEN $max_attempts <= 1 THEN 'quarantined' ELSE 'failed' END, 1, $error)
ON CONFLICT (run_id) DO UPDATE SET
    loaded_at = excluded.loaded_at, last_error = excluded.last_error,
    attempts = loaded_runs.attempts + 1,
    status = CASE WHEN loaded_runs.attempts + 1 >= $max_attempts THEN 'quarantined' ELSE 'failed' END
WHERE loaded_runs.status = 'failed'
RETURNING status, attempts;
