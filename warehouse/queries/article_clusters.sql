-- Every stored article's story, to bring the story index in line with the warehouse.
SELECT article_id, cluster_id FROM articles;
