"""One generic spider per source kind, driven by a registry entry."""
from scrapers.spiders.feed import FeedSpider
from scrapers.spiders.listing import ListingSpider, ReportsSpider
from scrapers.spiders.sitemap import SitemapSpider
from scrapers.spiders.telegram import TelegramSpider

SPIDERS = {"feed": FeedSpider, "sitemap": SitemapSpider, "listing": ListingSpider, "reports": ReportsSpider,
           "telegram": TelegramSpider}
