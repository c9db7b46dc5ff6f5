-- The state of one alert x recipient delivery (pending before sending, then sent or failed).
INSERT OR REPLACE INTO alert_deliveries (alert_id, recipient, status, attempts, last_error,
    first_report, last_tried_at, sent_at)
VALUES ($alert_id, $recipient, $status, $attempts, $last_error, $first_report, $last_tried_at, $sent_at);
