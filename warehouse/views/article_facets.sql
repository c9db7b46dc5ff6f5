-- One row per article x country x topic (the UTC day of publication, else of first sight): the
-- ground the coverage views count on, and the place to count distinct stories at any grain
-- (`count(DISTINCT cluster_id)` by week, by country only, by outlet...). An article about no
-- region country, or with no topic, has a NULL country or topic.
CREATE OR REPLACE VIEW article_facets AS
WITH by_country AS (
    SELECT article_id, cluster_id, source_id, language, relevance, topics,
           CAST(coalesce(published_at, first_seen_at) AS DATE) AS day,
           unnest(CASE WHEN coalesce(len(countries), 0) = 0 THEN [NULL::VARCHAR] ELSE countries END) AS country
    FROM articles
)
SELECT day, country,
       unnest(CASE WHEN coalesce(len(topics), 0) = 0 THEN [NULL::VARCHAR] ELSE topics END) AS topic,
       language, source_id, cluster_id, article_id, relevance
FROM by_country;
