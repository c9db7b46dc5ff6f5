-- Deliveries not yet made (pending or failed), with the alert as it was first rendered: retried next run.
SELECT d.recipient, d.alert_id, a.kind, a.cluster_id, a.detail, a.languages, a.countries,
       d.attempts, d.first_report
FROM alert_deliveries d
JOIN alerts a USING (alert_id)
WHERE d.status <> 'sent'
ORDER BY d.recipient, a.created_at, d.alert_id;
