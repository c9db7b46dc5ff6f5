-- An analyst's connection: no file, network or extension access except the one output file
-- the caller allows; bounded memory (DuckDB spills to its temp folder beyond it, up to
-- the temp space given), threads, and no progress bar mixed into the output. lock_reader.sql then
-- locks these settings so a query cannot lift them. UTC also for the cursors of a connection
-- kept open and shared (warehouse/shared_reader.py): they share the database's settings.
SET GLOBAL TimeZone = 'UTC';
SET allowed_paths = $paths;
SET enable_external_access = false;
SET memory_limit = $memory;
SET threads = $threads;
SET max_temp_directory_size = $temp_space;
SET enable_progress_bar = false;
