CREATE TABLE IF NOT EXISTS schema_migrations (
    version    VARCHAR PRIMARY KEY,   -- the migration file's name without .sql, e.g. 0001_init
    checksum   VARCHAR NOT NULL,      -- sha256 of the file as applied; a later edit is refused
    applied_at TIMESTAMP NOT NULL
);
