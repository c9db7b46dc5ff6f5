-- The day the newest story was first found: where the desk's Today page starts by default.
SELECT CAST(max(first_seen_at) AS DATE) AS day FROM clusters;
