"""Public Telegram channels read through their web preview, `https://t.me/s/<channel>`: a pure parser.

The preview page lists a channel's latest posts (about twenty, oldest first), each a
`div.tgme_widget_message` whose `data-post` is `<channel>/<post id>`; the date sits in the
`time[datetime]` of the post's permalink (`a.tgme_widget_message_date`), the text in
`div.tgme_widget_message_text`, a link preview in `a.tgme_widget_message_link_preview`.
Older posts are at `?before=<lowest id on the page>` (`a.tme_messages_more[data-before]`).
Post ids are not contiguous (an album takes several), so paging follows the ids seen, never a
stride. A channel without a public preview answers with a redirect to `t.me/<channel>`.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from core.dates import iso_utc

HOST = "t.me"
_DATA_POST = re.compile(r"^([A-Za-z0-9_]+)/(\d+)$")
_OWN_HOSTS = ("t.me", "telegram.me", "telegram.org", "telegra.ph")
TITLE_CHARS = 160


@dataclass
class Post:
    channel: str
    id: int
    url: str  # the permalink, https://t.me/<channel>/<id>
    published: str | None  # ISO UTC
    text: str  # plain text, line breaks kept
    text_html: str  # the message's own markup on the preview page
    links: list[str] = field(default_factory=list)  # outbound links (text and link preview), in order

    @property
    def title(self) -> str:
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), "")
        return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS - 1].rstrip() + "…"


@dataclass
class Page:
    posts: list[Post]
    before: int | None  # the id to ask `?before=` for older posts, None when there are none


def channel_of(url: str) -> str | None:
    """`name` of `https://t.me/s/name` (or of a post permalink `https://t.me/name/123`)."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if parts and parts[0] == "s":
        parts = parts[1:]
    return parts[0] if parts else None


def older_page_url(channel_url: str, before: int) -> str:
    base = channel_url.split("?", 1)[0].rstrip("/")
    return f"{base}?before={before}"


def post_id_of(url: str, channel: str) -> int | None:
    """The post id of a permalink of this channel (either form, any letter case), else None."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() != HOST:
        return None
    path = [p for p in parts.path.split("/") if p]
    if path and path[0] == "s":
        path = path[1:]
    if len(path) == 2 and path[0].lower() == channel.lower() and path[1].isdigit():
        return int(path[1])
    return None


def read_page(body: bytes | str, page_url: str) -> Page:
    """Every post on a preview page, oldest first; posts without a readable id are left out."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    root = Selector(text=text)
    posts = []
    for node in root.css("div.tgme_widget_message[data-post]"):
        found = _DATA_POST.match(node.attrib.get("data-post", "").strip())
        if not found:
            continue
        channel, number = found.group(1), int(found.group(2))
        stamp = node.css("a.tgme_widget_message_date time::attr(datetime)").get() or \
            node.css("time[datetime]::attr(datetime)").get()
        message = node.css("div.tgme_widget_message_text")
        body_html = message[0].get() if message else ""
        posts.append(Post(
            channel=channel, id=number, url=f"https://{HOST}/{channel}/{number}",
            published=iso_utc(stamp) if stamp else None,
            text=message_text(message[0]) if message else "", text_html=body_html,
            links=_outbound(node, page_url)))
    posts.sort(key=lambda p: p.id)
    more = root.css("a.tme_messages_more[data-before]::attr(data-before)").get()
    before = int(more) if more and more.strip().isdigit() else None
    if before is None and posts and root.css("a.tme_messages_more"):
        before = posts[0].id
    return Page(posts, before)


def message_text(message: Selector) -> str:
    """The text of a message: `<br>` as a line break, emoji images as their character."""
    markup = re.sub(r"(?i)<br\s*/?>", "\n", message.get())
    plain = re.sub(r"<[^>]+>", "", markup)
    return "\n".join(" ".join(line.split()) for line in html.unescape(plain).splitlines()).strip()


def _outbound(node: Selector, page_url: str) -> list[str]:
    """Links leaving Telegram, from the message text and its link preview; hashtags, mentions,
    the post's own permalink and media links stay out."""
    found: list[str] = []
    page_host = (urlsplit(page_url).netloc or "").lower()
    for href in [*node.css("div.tgme_widget_message_text a::attr(href)").getall(),
                 *node.css("a.tgme_widget_message_link_preview::attr(href)").getall()]:
        url = urljoin(page_url, href.strip())
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host or parts.netloc.lower() == page_host:
            continue  # hashtags and searches are relative links to the preview itself
        if host in _OWN_HOSTS or host.endswith(tuple("." + h for h in _OWN_HOSTS)):
            continue
        if url not in found:
            found.append(url)
    return found


def post_html(post: Post) -> str:
    """The post's text as paragraphs, one per line of the message (links kept as text)."""
    lines = [line for line in post.text.splitlines() if line.strip()]
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)


def post_document(post: Post, channel_title: str | None = None) -> bytes:
    """The landed document of one post (the whole preview page is in the WARC): its text, title,
    permalink and date in the places an article extractor reads them."""
    title = html.escape(post.title or f"{post.channel}/{post.id}")
    stamp = html.escape(post.published or "")
    source = html.escape(channel_title or post.channel)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><link rel=\"canonical\" href=\"{html.escape(post.url)}\">"
        f"<meta property=\"article:published_time\" content=\"{stamp}\">"
        f"<meta property=\"og:site_name\" content=\"{source}\"></head>\n"
        f"<body><article><time datetime=\"{stamp}\">{stamp}</time>\n{post_html(post)}\n</article></body></html>\n"
    ).encode("utf-8")
