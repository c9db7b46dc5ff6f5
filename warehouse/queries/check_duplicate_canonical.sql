SELECT count(*) FROM (SELECT canonical_url FROM articles GROUP BY canonical_url HAVING count(*) > 1);
