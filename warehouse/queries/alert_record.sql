-- One alert, recorded once: a second run with the same alert_id changes nothing.
INSERT OR IGNORE INTO alerts (alert_id, kind, cluster_id, created_at, report, detail, languages, countries)
VALUES ($alert_id, $kind, $cluster_id, $created_at, $report, $detail, $languages, $countries);
