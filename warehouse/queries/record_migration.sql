INSERT INTO schema_migrations (version, checksum, applied_at) VALUES ($version, $checksum, $applied_at);
