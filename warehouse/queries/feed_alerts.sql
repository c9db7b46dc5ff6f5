-- The latest alerts of a feed, newest first: the digest's stories ($kinds: new_story) or one
-- watch's ($prefix: 'watch:<name>:'); a story's later lines (spreads) come after its first.
SELECT alert_id, kind, cluster_id, created_at, detail
FROM alerts
WHERE kind IN (SELECT unnest($kinds::VARCHAR[])) AND ($prefix IS NULL OR starts_with(alert_id, $prefix))
ORDER BY created_at DESC, alert_id
LIMIT $limit;
