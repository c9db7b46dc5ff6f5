-- What the story index was last saved against: it is trusted as is only when this still matches.
SELECT count(*) AS articles, CAST(max(loaded_at) AS VARCHAR) AS last_loaded,
       count(DISTINCT cluster_id) AS clusters
FROM articles;
