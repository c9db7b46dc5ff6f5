-- Landing runs not to process again: loaded, or given up after failing (quarantined).
SELECT run_id FROM loaded_runs WHERE status IS DISTINCT FROM 'failed';
