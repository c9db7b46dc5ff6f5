"""Pure processing steps over records: no Scrapy, no Dagster, no SQL."""
