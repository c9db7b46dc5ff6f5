-- The row of a story merged into another (its articles were re-pointed first).
DELETE FROM clusters WHERE cluster_id = $cluster_id;
