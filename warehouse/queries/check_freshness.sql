SELECT date_diff('hour', max(first_seen_at), CAST(now() AS TIMESTAMP)) FROM articles;
