-- Alert state for the alert rules and their delivery: what each alert said (so a failed
-- delivery can be retried with the same content), which languages and countries a story was
-- alerted in (so spreading is detected), and one row per alert x recipient delivery.
ALTER TABLE alerts ADD COLUMN detail VARCHAR;          -- JSON: the alert as rendered
ALTER TABLE alerts ADD COLUMN languages VARCHAR[];     -- a story's languages when alerted
ALTER TABLE alerts ADD COLUMN countries VARCHAR[];     -- a story's countries when alerted

-- Alerts recorded before this migration (new stories) were alerted in the story's then languages.
UPDATE alerts SET languages = c.languages, countries = c.countries
FROM clusters c WHERE alerts.cluster_id = c.cluster_id AND alerts.languages IS NULL;

CREATE TABLE alert_deliveries (
    alert_id      VARCHAR NOT NULL,
    recipient     VARCHAR NOT NULL,       -- the recipient's name (never its URLs)
    status        VARCHAR NOT NULL,       -- pending | sent | failed
    attempts      INTEGER NOT NULL,
    last_error    VARCHAR,                -- redacted: no URL, token or password
    first_report  VARCHAR NOT NULL,       -- report stem the alert first went out with
    last_tried_at TIMESTAMP,
    sent_at       TIMESTAMP,
    PRIMARY KEY (alert_id, recipient)
);
