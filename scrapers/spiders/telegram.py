"""Public Telegram channels through their web preview: each post lands as an item of the channel,
and a post's link to an outlet in the registry is also fetched and landed as that outlet's article.

Incremental by post id: posts at or below the highest id already landed for the channel are not
landed again, and paging (`?before=`) stops at the first page reaching them. t.me's robots.txt
is obeyed like any other site's (Scrapy's ROBOTSTXT_OBEY)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapers import cms as cms_profiles
from scrapers.onsite import home_of, is_onsite
from scrapers.spiders.base import OUTLET, SourceSpider
from scrapers.telegram import channel_of, older_page_url, post_document, post_html, post_id_of, read_page

MAX_POSTS = 100  # per run when the entry sets no max_items: five preview pages
MAX_PAGES = 20
POST_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Outlet:
    """A registry source whose articles a post may link to."""
    id: str
    home: tuple[str, int | None]
    pattern: re.Pattern | None
    cms: cms_profiles.Cms | None

    @classmethod
    def of(cls, entry: dict) -> "Outlet":
        profile = cms_profiles.profile(entry.get("cms"))
        pattern = entry.get("article_pattern") or (profile.article_pattern if profile else None)
        return cls(entry["id"], home_of(entry["url"]), re.compile(pattern) if pattern else None, profile)

    def article(self, url: str) -> str | None:
        """The article URL this link names on the outlet, or None when it is not one of its articles."""
        if self.cms:
            url = self.cms.fold(url)
        if self.pattern is not None:
            return url if self.pattern.search(url) else None
        return url if urlsplit(url).path.strip("/") else None  # no pattern: anything but the front page


def newest_landed(seen: dict[str, str], channel: str) -> int:
    """The highest post id of this channel among landed URLs (0 when none)."""
    prefix = "https://t.me/"
    ids = (post_id_of(url, channel) for url in seen if url.startswith(prefix))
    return max((i for i in ids if i is not None), default=0)


class TelegramSpider(SourceSpider):
    name = "telegram"

    def __init__(self, source: dict, outlets: list[dict] | None = None, **kwargs):
        super().__init__(source, **kwargs)
        self.channel = channel_of(source["url"]) or ""
        self.known = newest_landed(self.seen, self.channel)
        self.outlets = [Outlet.of(o) for o in outlets or () if o.get("kind") != "telegram"]
        self.posts = 0
        self.outlets_named: set[str] = set()

    def parse(self, response):
        self.pages += 1
        if "/s/" not in urlsplit(response.url).path:  # t.me/s/<x> answers t.me/<x>: no public preview
            self.fail(self.source["url"], "not_a_channel", f"no public web preview (answered by {response.url})")
            return
        page = read_page(response.body, response.url)
        if not page.posts:
            if self.pages == 1:
                self.fail(response.url, "parser_found_nothing", "no post on the preview page")
            return
        limit = self.source.get("max_items") or MAX_POSTS
        reached_old = False
        for post in reversed(page.posts):  # newest first, so a limit keeps the latest posts
            if post.id <= self.known:
                self.count_skip("seen")
                reached_old = True
                continue
            if self.since and post.published and post.published < self.since:
                self.count_skip("before_since")
                reached_old = True
                continue
            if not post.text:  # a photo or video alone: nothing to read
                self.count_skip("post_without_text")
                continue
            if self.posts >= limit:
                self.count_skip("max_items")
                continue
            self.posts += 1
            yield self.item(response, {"title": post.title, "published": post.published,
                                       "content": post_html(post), "links": post.links},
                            body=post_document(post), url=post.url, content_type=POST_TYPE)
            for link in post.links:
                request = self.outbound_request(link, post.url)
                if request:
                    yield request
        if reached_old or self.posts >= limit or page.before is None:
            return
        if self.pages >= MAX_PAGES:
            self.fail(response.url, "page_cap", f"paging stopped after {MAX_PAGES} pages")
            return
        yield self.page_request(older_page_url(self.source["url"], page.before), self.parse)

    def outbound_request(self, link: str, via: str):
        """A post's link to an article of a registry outlet: fetched and landed as that outlet's."""
        parts = urlsplit(link)
        matches = [o for o in self.outlets if is_onsite(parts, o.home)]
        if not matches:
            self.count_skip("link_to_unknown_outlet")
            return None
        outlet = max(matches, key=lambda o: len(o.home[0]))
        article = outlet.article(link)
        if not article:
            self.count_skip("link_not_an_article")
            return None
        request = self.article_request(article, {"via": via})
        if request is not None:
            request.meta["allow_offsite"] = True
            request.meta[OUTLET] = outlet.id
            self.outlets_named.add(outlet.id)
        return request
