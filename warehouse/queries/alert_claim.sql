-- This run takes over the deliveries owed to its recipients: failed ones, and pending ones a
-- run left behind before $stale_before (it crashed mid-send). A delivery another run is
-- sending right now stays with that run, so concurrent runs never send the same alert twice.
UPDATE alert_deliveries
SET status = 'pending', last_tried_at = $claim_at
WHERE recipient IN (SELECT unnest($recipients::VARCHAR[]))
  AND (status = 'failed' OR (status = 'pending' AND (last_tried_at IS NULL OR last_tried_at < $stale_before)));
