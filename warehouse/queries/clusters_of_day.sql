-- Clusters with an article first seen in [$start, $end).
SELECT DISTINCT cluster_id FROM articles WHERE first_seen_at >= $start AND first_seen_at < $end;
