-- Whether run $run_id is already loaded (or given up): another writer got there first.
SELECT count(*) > 0 FROM loaded_runs WHERE run_id = $run_id AND status IS DISTINCT FROM 'failed';
