-- The source_health figures the silent-source rule's query (alert_sources) leaves out.
SELECT source_id, failed_runs, items_per_run, days_silent, unreadable FROM source_health;
