"""DuckDB storage: migrations, loading and the analysts' views. All SQL lives in .sql files."""
