-- The deliveries this run claimed (stamped $claim_at), with each alert as first rendered.
SELECT d.recipient, d.alert_id, a.kind, a.cluster_id, a.detail, a.languages, a.countries,
       d.attempts, d.first_report
FROM alert_deliveries d
JOIN alerts a USING (alert_id)
WHERE d.status = 'pending' AND d.last_tried_at = $claim_at
ORDER BY d.recipient, a.created_at, d.alert_id;
