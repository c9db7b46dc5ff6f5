INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $applied_at);
