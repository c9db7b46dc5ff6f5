-- A new article linked two stories: the younger one's articles join the older ($loser -> $winner).
UPDATE articles SET cluster_id = $winner WHERE cluster_id = $loser;
