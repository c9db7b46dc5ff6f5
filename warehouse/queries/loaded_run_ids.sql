SELECT run_id FROM loaded_runs;
