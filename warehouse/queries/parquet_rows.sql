-- Rows written to the Parquet file at $path (read from its footer).
SELECT sum(num_rows) FROM parquet_file_metadata($path);
