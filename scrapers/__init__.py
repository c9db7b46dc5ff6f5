"""Fetching: Scrapy spiders driven by the source registry, writing the landing zone."""
