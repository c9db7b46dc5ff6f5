"""Full-text search across the region's languages and scripts: search keys, stems, queries, snippets.

Pure functions over text; the index itself lives in warehouse/search_index.py."""
