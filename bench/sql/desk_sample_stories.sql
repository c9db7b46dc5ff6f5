-- $n relevant stories spread over the warehouse: the Story pages the desk bench opens.
SELECT cluster_id FROM clusters WHERE relevance >= 0.5 ORDER BY hash(cluster_id) LIMIT $n;
