"""A hostile website on 127.0.0.1, served by the one loopback server (scrapers/loopback.py): every
trap is generated on the fly (nothing large is stored), next to a handful of good pages that
must still be landed.

Used by tests/hostile/test_hostile_crawl.py; `python -m tests.support.hostile_site` serves it by hand."""
from __future__ import annotations

import functools
import socket
import struct
import threading
import time
import zlib
from urllib.parse import urlsplit

from scrapers import loopback
from scrapers.loopback import Reply

GIB = 1024 ** 3
CHUNK = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
GOOD = {  # path: (title, body text) — Kyrgyz and Russian coverage, written for these tests
    "/news/good-1.html": ("Бишкекте тынчтык жыйыны өттү",
                          "Бишкекте укук коргоочулар ишемби күнү тынчтык жыйынын өткөрүштү. Жыйынга жүздөй "
                          "адам катышып, сөз эркиндигин коргоо талабын айтышты. Милиция эч кимди кармаган жок, "
                          "бирок уюштуруучулар шаардык мэриянын уруксатын үч жума күтүшкөнүн билдиришти. "
                          "Катышуучулар кийинки жыйынды жазында өткөрүүнү пландап жатышат."),
    "/news/good-2.html": ("Правозащитники провели пикет в Бишкеке",
                          "В субботу правозащитники провели пикет у здания парламента, требуя отозвать "
                          "законопроект об иностранных представителях. Задержаний не было, однако полиция "
                          "переписала паспортные данные участников. Организаторы заявили, что подадут новое "
                          "уведомление о собрании через неделю и пригласят наблюдателей от омбудсмена."),
    "/news/good-3.html": ("Журналисттер сот отурумуна киргизилген жок",
                          "Журналисттер сот отурумуна киргизилбей калды, анткени сот жабык деп жарыяланды. "
                          "Юристтер бул чечимге нааразы болуп, апелляциялык арыз беришерин айтышты. Коомдук "
                          "уюмдар ачык сот адилеттиги мыйзамда кепилденгенин эскертип, билдирүү таратышты."),
    "/news/good-4.html": ("Суд оштрафовал участников мирного собрания",
                          "Районный суд Оша оштрафовал трех участников мирного собрания за плакаты с цитатами "
                          "из конституции. Адвокат назвал решение незаконным и обжалует его в областном суде. "
                          "По словам очевидцев, акция длилась двадцать минут и не мешала движению транспорта."),
    "/news/good-5.html": ("Укук коргоочулар баяндама жарыялады",
                          "Укук коргоочулар жыйын эркиндиги боюнча жылдык баяндамасын жарыялашты. Баяндамада "
                          "өткөн жылы кырк эки жыйынга тыюу салынганы, он бир активист айып пул төлөгөнү "
                          "айтылат. Авторлор парламентке мыйзамды эл аралык стандарттарга ылайыктоону сунушташты."),
    "/news/good-6.html": ("Активистку задержали после одиночного пикета",
                          "Активистку задержали после одиночного пикета на центральной площади Каракола. "
                          "Через шесть часов её отпустили без составления протокола. Правозащитный центр "
                          "направил запрос в прокуратуру и потребовал объяснить основания задержания, "
                          "поскольку одиночный пикет не требует уведомления властей."),
}
WRONG_CHARSET = "/news/wrong-charset.html"  # declared latin-1, sent as UTF-8
NO_CHARSET = "/news/no-charset.html"  # no charset anywhere
TRAP_LINKS = ["/news/loop-1", "/news/loop-a", "/news/offhost", "/news/huge", "/news/huge-declared",
              "/news/bomb", "/news/trickle", "/news/fake.pdf", WRONG_CHARSET, NO_CHARSET]


def page(title: str, text: str, links: list[str] = (), next_href: str | None = None,
         charset_meta: bool = True) -> bytes:
    meta = '<meta charset="utf-8">' if charset_meta else ""
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    nxt = f'<a rel="next" href="{next_href}">next</a>' if next_href else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><time datetime=\"2026-11-20\">2026-11-20</time><p>{text}</p>"
            f"<p>{text}</p></article><ul>{anchors}</ul>{nxt}</body></html>").encode("utf-8")


def feed(base: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>{link}</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT"
                    f"</pubDate></item>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>hostile</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode("utf-8")


def sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2026-11-20</lastmod></url>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{urls}</urlset>').encode("utf-8")


XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
       b'<rss version="2.0"><channel><title>x</title><item><title>&secret;</title>'
       b"<link>/news/good-1.html</link></item></channel></rss>")
LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
            b"<link>/news/good-2.html</link></item></channel></rss>")


@functools.lru_cache(maxsize=2)
def gzip_bomb(size: int = GIB) -> bytes:
    """`size` zero bytes gzipped (about size/1000 bytes): one fully flushed deflate block of a
    mebibyte of zeros compresses the same every time, so it is compressed once and repeated."""
    block = bytes(1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc, count = 0, size // len(block)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    header_len = 10
    deflated = first[header_len:] + again * (count - 1)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.flush()  # an empty final block
    trailer = struct.pack("<II", crc, (count * len(block)) & 0xFFFFFFFF)
    return first[:header_len] + deflated + end + trailer


class Hostile:
    """The site's state: the bomb it serves, how slowly it trickles, what its endless answers sent."""

    def __init__(self, bomb_size: int = GIB, trickle_seconds: float = 1.0):
        self.bomb = gzip_bomb(bomb_size)
        self.trickle_seconds = trickle_seconds
        self.lock = threading.Lock()
        self.streamed = 0  # bytes of the endless answers actually sent
        with socket.socket() as probe:  # a port nobody listens on: the "other host" of the redirect
            probe.bind(("127.0.0.1", 0))
            self.elsewhere_port = probe.getsockname()[1]

    def endless(self, declared: bool) -> Reply:
        """A gibibyte of HTML, generated while sent; stops as soon as the client hangs up."""
        def chunks():
            sent = 0
            while sent < GIB:
                yield CHUNK
                sent += len(CHUNK)
                with self.lock:
                    self.streamed += len(CHUNK)
        return Reply(200, stream=chunks(), length=GIB if declared else None)

    def trickle(self) -> Reply:
        body = page("Slow", "One byte a second.")

        def bytes_slowly():
            for byte in body:
                yield bytes([byte])
                time.sleep(self.trickle_seconds)
        return Reply(200, stream=bytes_slowly(), length=len(body))

    def answer(self, request) -> Reply:  # noqa: C901 - one branch per trap reads best as a table
        """Every path of the site: the traps are generated on the fly."""
        base = request.server.site.base_url
        parts = urlsplit(request.path)
        path, query = parts.path, parts.query
        if path == "/robots.txt":
            return Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
        if path == "/":  # endless pagination: every page links the next
            number = int(query[5:]) if query.startswith("page=") and query[5:].isdigit() else 1
            return Reply(200, page("Hostile news", "Latest.", [*GOOD][:3] + TRAP_LINKS, f"/?page={number + 1}"))
        if path in GOOD:
            return Reply(200, page(*GOOD[path]))
        if path == "/calendar":  # endless: every month links the one before
            month = int(query[2:]) if query.startswith("m=") and query[2:].isdigit() else 0
            return Reply(200, page(f"Archive {month}", "Archive.", ["/news/good-3.html"], f"/calendar?m={month + 1}"))
        if path == "/news/loop-1" or path.startswith("/news/loop-") and path[11:].isdigit():
            n = int(path.rsplit("-", 1)[1])
            return Reply(302, b"", {"Location": f"/news/loop-{n + 1}"})
        if path == "/news/loop-a":
            return Reply(301, b"", {"Location": "/news/loop-b"})
        if path == "/news/loop-b":
            return Reply(301, b"", {"Location": "/news/loop-a"})
        if path == "/news/offhost":
            return Reply(302, b"", {"Location": f"http://127.0.0.1:{self.elsewhere_port}/x.html"})
        if path in ("/news/huge", "/news/huge-declared"):
            return self.endless(declared=path.endswith("declared"))
        if path == "/news/bomb":
            return Reply(200, self.bomb, {"Content-Encoding": "gzip"})
        if path == "/news/trickle":
            return self.trickle()
        if path == "/news/fake.pdf":
            return Reply(200, page("Not a PDF", "This is HTML pretending to be a PDF."),
                         {"Content-Type": "application/pdf"})
        if path == WRONG_CHARSET:
            return Reply(200, page("Шайлоо алдында жыйындарга тыюу салынды",
                                   "Шайлоо алдында шаардын борборунда жыйындарга тыюу салынды.", charset_meta=False),
                         {"Content-Type": "text/html; charset=iso-8859-1"})
        if path == NO_CHARSET:
            return Reply(200, page("Журналиста оштрафовали за репортаж",
                                   "Журналиста оштрафовали за репортаж с мирного собрания.", charset_meta=False),
                         {"Content-Type": "text/html"})
        return self.feed_or_sitemap(path, base)

    def feed_or_sitemap(self, path: str, base: str) -> Reply:
        rss, xml = {"Content-Type": "application/rss+xml"}, {"Content-Type": "application/xml"}
        answers = {
            "/rss.xml": lambda: Reply(200, feed(base, [f"{base}/news/good-4.html", "http://169.254.169.254/latest/meta-data/",
                                                       "http://10.0.0.1/admin", "http://[fd12::1]/x"]), rss),
            "/rss-xxe.xml": lambda: Reply(200, XXE, rss),
            "/rss-laughs.xml": lambda: Reply(200, LAUGHS, rss),
            "/rss-truncated.xml": lambda: Reply(200, feed(base, [f"{base}/news/good-5.html"])[:70], rss),
            "/rss-malformed.xml": lambda: Reply(200, b"\x00\xff<rss<<channel>>>\x89PNG garbage</item>", rss),
            "/sitemap.xml": lambda: Reply(200, sitemap(base, ["/news/good-5.html", "/news/good-6.html"]), xml),
            "/sitemap-truncated.xml": lambda: Reply(200, sitemap(base, ["/news/good-6.html"])[:60], xml),
            "/sitemap-malformed.xml": lambda: Reply(200, b"<urlset><url><loc>\x00\x01</lo", xml),
            "/sitemap-bomb.xml.gz": lambda: Reply(200, self.bomb, {"Content-Type": "application/gzip"}),
            "/sitemap-xxe.xml": lambda: Reply(200, XXE.replace(b"rss", b"urlset"), xml),
        }
        found = answers.get(path)
        return found() if found else Reply(404, b"<html><body>404</body></html>")


def start(bomb_size: int = GIB) -> tuple[loopback.Site, Hostile, str]:
    """The hostile site on a free loopback port: (site, its state, base URL); `site.stop()` ends it."""
    hostile = Hostile(bomb_size)
    site = loopback.start(None, default=hostile.answer)
    return site, hostile, site.base_url


def sources_toml(base: str) -> str:
    """The registry of the hostile site: one source per entry point (all on the same host)."""
    rows = [("hostile-listing", "listing", "/", 'article_pattern = "/news/"\nnext_page = "a[rel=next]"'),
            ("hostile-calendar", "listing", "/calendar", 'article_pattern = "/news/"\nnext_page = "a[rel=next]"'),
            ("hostile-rss", "feed", "/rss.xml", ""), ("hostile-rss-xxe", "feed", "/rss-xxe.xml", ""),
            ("hostile-rss-laughs", "feed", "/rss-laughs.xml", ""),
            ("hostile-rss-truncated", "feed", "/rss-truncated.xml", ""),
            ("hostile-rss-malformed", "feed", "/rss-malformed.xml", ""),
            ("hostile-sitemap", "sitemap", "/sitemap.xml", ""),
            ("hostile-sitemap-truncated", "sitemap", "/sitemap-truncated.xml", ""),
            ("hostile-sitemap-malformed", "sitemap", "/sitemap-malformed.xml", ""),
            ("hostile-sitemap-bomb", "sitemap", "/sitemap-bomb.xml.gz", ""),
            ("hostile-sitemap-xxe", "sitemap", "/sitemap-xxe.xml", "")]
    out = []
    for sid, kind, path, extra in rows:
        out.append(f'[[sources]]\nid = "{sid}"\nname = "{sid}"\nkind = "{kind}"\nurl = "{base}{path}"\n'
                   f'country = "KG"\nlanguages = ["ky", "ru"]\ncategory = "news"\n{extra}\n')
    return "\n".join(out)


if __name__ == "__main__":
    _, _, url = start()
    print(f"hostile site at {url}")
    threading.Event().wait()
