-- Deliveries owed to $recipients, with each alert as first rendered: new ones, failed ones, and
-- ones a run left pending when it died before sending them.
SELECT d.recipient, d.alert_id, a.kind, a.cluster_id, a.detail, a.languages, a.countries,
       d.attempts, d.first_report
FROM alert_deliveries d
JOIN alerts a USING (alert_id)
WHERE d.status IN ('pending', 'failed')
  AND d.recipient IN (SELECT unnest($recipients::VARCHAR[]))
ORDER BY d.recipient, a.created_at, d.alert_id;
