SELECT
    (SELECT count(*) FROM articles) AS articles,
    (SELECT count(*) FROM clusters) AS stories,
    (SELECT count(*) FROM clusters WHERE relevance >= $threshold) AS relevant_stories,
    (SELECT list_sort(list(DISTINCT language)) FROM articles) AS languages;
