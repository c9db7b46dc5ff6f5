SELECT alert_id FROM alerts;
