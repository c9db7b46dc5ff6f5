-- Quarantine: a document that cannot be read or processed is set aside here with its reason
-- and its run goes on; a landing run that fails as a whole is retried a few times, then set
-- aside too (loaded_runs.status), so no run is retried for ever.
CREATE TABLE unreadable_documents (
    run_id        VARCHAR NOT NULL,       -- landing run (or ingest batch)
    url           VARCHAR NOT NULL,       -- as landed; 'landing:<run>/items.jsonl:<line>' for a broken line
    source_id     VARCHAR NOT NULL,
    stage         VARCHAR NOT NULL,       -- read | extract | language | tagging | dedup
    reason        VARCHAR NOT NULL,       -- the error, one line
    content_type  VARCHAR,
    bytes         BIGINT,                 -- size of the landed body
    sha256        VARCHAR,                -- of the landed body (the body itself stays in landing/ and raw/)
    loaded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, url)
);
ALTER TABLE crawl_runs ADD COLUMN unreadable INTEGER;   -- this source's documents of the run set aside
ALTER TABLE loaded_runs ADD COLUMN status VARCHAR;      -- loaded | failed (retried) | quarantined (given up)
ALTER TABLE loaded_runs ADD COLUMN attempts INTEGER;
ALTER TABLE loaded_runs ADD COLUMN last_error VARCHAR;
UPDATE loaded_runs SET status = 'loaded', attempts = 1;

-- Deliveries follow the recipient: keyed by its name (its second URL `name#2`, and so on), no
-- longer by a hash of the URL, so a corrected URL (new password, new scheme) delivers what is
-- owed. Rows under the old `name:scheme:hash` keys move to the new keys.
CREATE TABLE alert_deliveries_by_recipient (
    alert_id      VARCHAR NOT NULL,
    recipient     VARCHAR NOT NULL,       -- the recipient's name, `#n` for its n-th URL (never a URL)
    status        VARCHAR NOT NULL,       -- pending | sent | failed
    attempts      INTEGER NOT NULL,
    last_error    VARCHAR,                -- redacted: no URL, token or password
    first_report  VARCHAR NOT NULL,
    last_tried_at TIMESTAMP,
    sent_at       TIMESTAMP,
    PRIMARY KEY (alert_id, recipient)
);
INSERT INTO alert_deliveries_by_recipient
SELECT alert_id,
       CASE WHEN regexp_matches(recipient, '^[^:#]+:[A-Za-z0-9+.-]+:[0-9a-f]{12}$')
            THEN split_part(recipient, ':', 1)
                 || CASE WHEN n > 1 THEN '#' || n ELSE '' END
            ELSE recipient END,
       status, attempts, last_error, first_report, last_tried_at, sent_at
FROM (SELECT *, row_number() OVER (PARTITION BY alert_id, split_part(recipient, ':', 1) ORDER BY recipient) AS n
      FROM alert_deliveries);
DROP TABLE alert_deliveries;
ALTER TABLE alert_deliveries_by_recipient RENAME TO alert_deliveries;
