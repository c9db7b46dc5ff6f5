INSERT OR IGNORE INTO alerts (alert_id, kind, cluster_id, created_at, report)
VALUES ($alert_id, $kind, $cluster_id, $created_at, $report);
