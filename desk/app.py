"""The desk's routes: each reads its parameters, calls one `workflows.desk` (or `workflows.query`)
function and renders a page. GET only; nothing here writes, and every response forbids scripts,
frames and outside requests (Content-Security-Policy), so even a page that escaped nothing could
run no injected code."""
from __future__ import annotations

import csv
import hmac
import io
import tempfile
import time
from datetime import date

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from core.dates import parse_day
from core.errors import BadInput, Failure
from desk.render import CSS, page, query_string
from reports.rows import cell
from workflows import desk
from workflows.settings import Settings

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
SQL_LIMITS = desk.SQL_LIMITS
SQL_ROWS = (50, 200, 1000)
MAX_QUERY_CHARS = 20_000
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
TOKEN_COOKIE = "rightswatch_desk"


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=SECURITY_HEADERS)


def _day(request: Request, name: str) -> date | None:
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    try:
        return parse_day(value).date()
    except (BadInput, ValueError):
        raise BadInput(f"{name}: not a date (expected YYYY-MM-DD): {value!r}") from None


def _words(request: Request, name: str) -> tuple[str, ...]:
    """A parameter given once or several times, each possibly comma-separated."""
    found = []
    for value in request.query_params.getlist(name):
        found += [w.strip() for w in value.split(",") if w.strip()]
    return tuple(dict.fromkeys(found))


class Desk:
    """The pages over one home, with the alert settings (workflows.alerts.load_config) that say
    what is watched."""

    def __init__(self, settings: Settings, config):
        self.settings, self.config = settings, config

    def today(self, request: Request) -> Response:
        page_number = request.query_params.get("page", "1")
        if not page_number.isdigit() or not 1 <= int(page_number) <= 100_000:
            raise BadInput(f"page: not a page number: {page_number!r}")
        shown = desk.today(self.settings, self.config, since=_day(request, "since"), page=int(page_number))
        return _html(page("today", t=shown))

    def story(self, request: Request) -> Response:
        shown = desk.story(self.settings, request.path_params["cluster_id"])
        if shown is None:
            return self.missing("No such story", "The story may have been merged into another by a later load.")
        return _html(page("story", s=shown))

    def _evidence(self, request: Request):
        version = request.query_params.get("version")
        if version is not None and not version.isdigit():
            raise BadInput(f"version: not a number: {version!r}")
        return desk.evidence(self.settings, request.path_params["article_id"], int(version) if version else None)

    def evidence(self, request: Request) -> Response:
        shown = self._evidence(request)
        if shown is None:
            return self.missing("No such article or version", "")
        return _html(page("evidence", e=shown))

    def evidence_record(self, request: Request) -> Response:
        shown = self._evidence(request)
        if shown is None or shown["capture"] is None:
            return self.missing("No archived response", "")
        name = f"{shown['article']['article_id']}-v{shown['version'] or 1}.warc.gz"
        return Response(desk.record_bytes(shown["capture"]), media_type="application/warc",
                        headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    def evidence_body(self, request: Request) -> Response:
        shown = self._evidence(request)
        if shown is None or shown["capture"] is None:
            return self.missing("No archived response", "")
        headers = {**SECURITY_HEADERS, "Content-Security-Policy": "sandbox; default-src 'none'"}
        return PlainTextResponse(shown["capture"].text, headers=headers)

    def search(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if len(text) > MAX_QUERY_CHARS:
            raise BadInput(f"q: the query is longer than {MAX_QUERY_CHARS:,} characters")
        countries = tuple(c.upper() for c in _words(request, "country"))
        topics = tuple(t.lower() for t in _words(request, "topic"))
        languages = tuple(x.lower() for x in _words(request, "language"))
        since = _day(request, "since")
        chosen = {"country": countries[0] if countries else "", "topic": ", ".join(topics),
                  "language": ", ".join(languages), "since": since}
        context = {"q": text, "chosen": chosen, "country_names": desk.countries(), "r": None, "error": None}
        if not text:
            return _html(page("search", **context))
        try:
            context["r"] = desk.search(self.settings, text, countries, topics, languages, since)
        except BadInput as exc:
            context["error"] = str(exc)
            return _html(page("search", **context), 400)
        return _html(page("search", **context))

    def coverage(self, request: Request) -> Response:
        shown, chosen = self._coverage(request)
        keep = [(k, v) for k, v in request.query_params.multi_items() if k in ("from", "to", "country", "topic")]
        keep = [(k, v) for k, v in keep if k not in ("from", "to")] + [("from", shown["first"]), ("to", shown["last"])]
        return _html(page("coverage", c=shown, chosen=chosen, country_names=desk.countries(),
                          csv_query=query_string(keep)))

    def _coverage(self, request: Request) -> tuple[dict, dict]:
        countries = tuple(c.upper() for c in _words(request, "country"))
        unknown = [c for c in countries if c not in desk.countries()]
        if unknown:
            raise BadInput(f"country: not a region country code: {unknown[0]!r}")
        shown = desk.coverage(self.settings, self.config, _day(request, "from"), _day(request, "to"),
                              countries, tuple(t.lower() for t in _words(request, "topic")))
        return shown, {"country": countries[0] if len(countries) == 1 else "",
                       "topic": ", ".join(_words(request, "topic"))}

    def coverage_csv(self, request: Request) -> Response:
        part = request.query_params.get("part", "topics")
        if part not in ("topics", "languages"):
            raise BadInput(f"part: topics or languages, not {part!r}")
        shown, _ = self._coverage(request)
        header, rows = desk.coverage_rows(shown, part)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        name = f"coverage-{part}-{shown['first']}-{shown['last']}.csv"
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    def sources(self, request: Request) -> Response:
        return _html(page("sources", h=desk.sources(self.settings, self.config)))

    def _query(self, request: Request) -> str:
        text = request.query_params.get("q", "")
        if len(text) > MAX_QUERY_CHARS:
            raise BadInput(f"q: the query is longer than {MAX_QUERY_CHARS:,} characters")
        return text

    def sql(self, request: Request) -> Response:
        text = self._query(request)
        asked = request.query_params.get("rows", "")
        rows = int(asked) if asked.isdigit() and int(asked) in SQL_ROWS else SQL_ROWS[0]
        context = {"q": text, "rows": rows, "limits": SQL_LIMITS, "columns": None, "error": None}
        status = 200
        if text.strip():
            started = time.perf_counter()
            try:
                columns, found, more = desk.sql_preview(self.settings, text, rows)
                context.update(columns=columns, result=[[cell(v) for v in r] for r in found],
                               shown=len(found), more=more, seconds=time.perf_counter() - started)
            except BadInput as exc:
                context["error"], status = str(exc), 400
            except Failure as exc:
                context["error"], status = str(exc), 503 if "busy" in str(exc) else 422
        return _html(page("sql", **context), status)

    def sql_download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "json"):
            return self.missing("No such page", "Results download as /sql.csv or /sql.json.")
        text = self._query(request)
        if not text.strip():
            raise BadInput("q: no query")
        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8", newline="")
        try:
            desk.sql_rows(self.settings, text, fmt, spool)
        except BaseException:
            spool.close()
            raise
        spool.seek(0)

        def chunks():
            with spool:
                while block := spool.read(64 * 1024):
                    yield block.encode("utf-8")
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
        return StreamingResponse(chunks(), media_type=media,
                                 headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="query.{fmt}"'})

    def missing(self, heading: str, hint: str) -> Response:
        return _html(page("error", heading=heading, message=heading, hint=hint), 404)


def _guard(handler):
    """Bad parameters: the page says which (400); a busy or failing warehouse: 503 with why."""
    def wrapped(request: Request) -> Response:
        try:
            return handler(request)
        except BadInput as exc:
            return _html(page("error", heading="Bad request", message=str(exc), hint=""), 400)
        except Failure as exc:
            return _html(page("error", heading="The warehouse is busy" if "busy" in str(exc) else "Failed",
                              message=str(exc), hint="Reload the page in a moment."), 503)
    return wrapped


def _css(_request: Request) -> Response:
    return Response(CSS, media_type="text/css; charset=utf-8",
                    headers={**SECURITY_HEADERS, "Cache-Control": "max-age=300"})


def _home(_request: Request) -> Response:
    return RedirectResponse("/today", status_code=302)


class TokenGate:
    """With a token: every request carries it (`?token=`, once, sets a cookie; or a Bearer header)."""

    def __init__(self, app, token: str):
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or \
            request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            response = PlainTextResponse("rightswatch desk: a token is required (open the link `serve` printed)",
                                         status_code=401, headers=SECURITY_HEADERS)
            return await response(scope, receive, send)
        if request.query_params.get("token"):
            response = RedirectResponse(str(request.url.remove_query_params("token")), status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def create_app(settings: Settings, config, *, loopback: bool = True,
               token: str | None = None) -> Starlette:
    """The desk over `settings.home`. `loopback`: answer only requests addressed to this machine's
    own name (a web page elsewhere cannot reach the desk through DNS rebinding)."""
    pages = Desk(settings, config)
    routes = [Route("/", _home), Route("/desk.css", _css),
              Route("/today", _guard(pages.today)),
              Route("/story/{cluster_id}", _guard(pages.story)),
              Route("/evidence/{article_id}", _guard(pages.evidence)),
              Route("/evidence/{article_id}/record.warc.gz", _guard(pages.evidence_record)),
              Route("/evidence/{article_id}/body.txt", _guard(pages.evidence_body)),
              Route("/search", _guard(pages.search)),
              Route("/coverage", _guard(pages.coverage)),
              Route("/coverage.csv", _guard(pages.coverage_csv)),
              Route("/sources", _guard(pages.sources)),
              Route("/sql", _guard(pages.sql)),
              Route("/sql.{fmt:str}", _guard(pages.sql_download))]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES)] if loopback else []
    app = Starlette(routes=routes, middleware=middleware)
    return TokenGate(app, token) if token else app
