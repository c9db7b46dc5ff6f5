"""The `rightswatch` console script: a thin shell, each command calling one library function."""
from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from pathlib import Path

import click

from core.errors import BadInput, Failure
from rightswatch import __version__, progress
from workflows.bounded import DOCUMENT_BYTES, INGEST_LINE_BYTES, LANGID_LINE_BYTES
from workflows.query import DEFAULT_LIMITS
from workflows.settings import Settings

EXIT_OK, EXIT_RUNTIME, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str, code: int) -> None:
    click.echo(f"rightswatch: {message}", err=True)
    sys.exit(code)


def guarded(func):
    """Bad input: one line and exit 2. Any other failure: one line and exit 1, no traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            result = func(*args, **kwargs)
        except BadInput as exc:
            fail(str(exc), EXIT_BAD_INPUT)
        except Failure as exc:
            fail(str(exc), EXIT_RUNTIME)
        except KeyboardInterrupt:
            fail("interrupted", EXIT_RUNTIME)
        except Exception as exc:  # the user gets one line; RIGHTSWATCH_DEBUG=1 shows the trace
            if os.environ.get("RIGHTSWATCH_DEBUG"):
                raise
            text = str(exc).strip().splitlines()
            fail(f"{type(exc).__name__}: {text[0] if text else ''}", EXIT_RUNTIME)
        notice = click.get_current_context().find_object(dict) or {}
        if notice.get("home_notice"):  # after the work, so a failure stays one line
            click.echo(notice["home_notice"], err=True)
        return result
    return wrapper


# Commands that only read the warehouse: they never create one (nor the home), and say so.
READS_WAREHOUSE = ("report", "sql", "export", "search", "test", "serve")
NO_HOME = ("langid", "extract", "sources", "eval")  # commands that never touch a home
HOME_HELP = "Home directory (default: $RIGHTSWATCH_HOME, else ./var)."


def settings_of(ctx: click.Context) -> Settings:
    """The settings of this run. A home other than the default is named on stderr once the command
    has done its work (a failure stays one line, and names the home where it matters), so the home
    cannot change unseen; a command in READS_WAREHOUSE stops (exit 2) when the home has no warehouse."""
    settings = Settings.resolve(ctx.find_object(dict).get("home"))
    if settings.home_from and ctx.find_root().invoked_subcommand not in NO_HOME:
        ctx.find_object(dict)["home_notice"] = f"home: {settings.home} (from {settings.home_from})"
    if ctx.command.name in READS_WAREHOUSE:
        settings.require_warehouse()
    return settings


def _remember_home(ctx: click.Context, _param, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["home"] = value


def _add_home_options() -> None:
    """`--home DIR` after the command too (`rightswatch sql --home DIR ...`), winning over one
    before it, on every command but those that never touch a home."""
    for name, command in cli.commands.items():
        if name not in NO_HOME:
            click.option("--home", type=click.Path(file_okay=False), default=None, expose_value=False,
                         callback=_remember_home, help=HOME_HELP)(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), default=None, help=HOME_HELP)
@click.version_option(__version__, prog_name="rightswatch")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """Media monitoring of LGBT-rights and freedom-of-assembly coverage in Central Asia, the
    South Caucasus and Eastern Europe: crawl, process, query and report."""
    ctx.ensure_object(dict)
    ctx.obj["home"] = home


@cli.command()
@click.option("--port", type=int, default=8765, show_default=True,
              help="Loopback port for the bundled snapshot site (0 picks a free one).")
@click.pass_context
@guarded
def demo(ctx: click.Context, port: int) -> None:
    """Run the whole pipeline offline on the bundled snapshot site."""
    from workflows.demo import run_demo
    run_demo(settings_of(ctx), port=port, echo=click.echo)


@cli.command()
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False), default=None,
              help="Source registry file (default: $RIGHTSWATCH_SOURCES, else sources.toml).")
@click.option("--only", multiple=True, metavar="ID", help="Crawl only these source ids (repeatable).")
@click.option("--since", metavar="DATE", help="Only entries dated on or after DATE (YYYY-MM-DD): sitemap "
              "lastmod, feed dates; backfills a sitemap's archive back to DATE.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Crawl worker processes sharing one frontier (needs --frontier when above 1).")
@click.option("--frontier", metavar="redis://HOST:PORT/DB", envvar="RIGHTSWATCH_FRONTIER",
              help="Shared Redis crawl frontier (scrapy-redis); persists until drained "
              "(default: $RIGHTSWATCH_FRONTIER; none: one crawl process).")
@click.option("--reset-frontier", is_flag=True, help="Delete these sources' frontier keys before crawling.")
@click.pass_context
@guarded
def crawl(ctx: click.Context, sources_path: str, only: tuple[str, ...], since: str | None,
          workers: int, frontier: str | None, reset_frontier: bool) -> None:
    """Crawl sources into the landing zone (incremental: known articles are not fetched again)."""
    from core.dates import parse_day
    from workflows import sources
    from workflows.crawl import crawl_sources
    settings = settings_of(ctx)
    since_dt = parse_day(since) if since else None
    registry = sources.registry(sources_path or settings.sources)
    chosen = sources.chosen(registry, only)
    click.echo(f"crawling {len(chosen)} sources into {settings.landing}")
    pending = [s.id for s in chosen]
    with progress.bar(progress.waiting_for(pending), total=None if frontier else len(chosen)) as shown:
        def finished(source_id: str) -> None:
            if source_id in pending:
                pending.remove(source_id)
            shown.advance()
            shown.describe(progress.waiting_for(pending))
        manifest = crawl_sources(settings, chosen, contact=settings.contact, progress=click.echo,
                                      since=since_dt, workers=workers, frontier=frontier,
                                      reset_frontier=reset_frontier, finished=finished,
                                      outlets=registry)
    click.echo(f"run {manifest['run_id']}: {manifest['items']} documents landed"
               + (f" by {workers} workers" if frontier else ""))


@cli.command()
@click.pass_context
@guarded
def process(ctx: click.Context) -> None:
    """Extract, clean, detect language, tag, dedup and load everything landed and not yet loaded."""
    from workflows.process import process_landed
    settings = settings_of(ctx)
    with progress.bar("processing") as shown:
        summary = process_landed(settings, progress=click.echo, step=_process_step(shown))
    click.echo(f"processed {summary.runs} runs: {summary.articles} new articles, "
               f"{summary.duplicates} duplicates, {len(summary.failures)} unreadable documents, "
               f"{summary.not_articles} pages without an article")
    if not summary.runs and not settings.warehouse.exists():
        click.echo(f"nothing landed in {settings.landing} yet: run `{settings.command('crawl')}` first, "
                   f"or `{settings.command('demo')}` for the bundled snapshot", err=True)
    if summary.failed_runs:
        fail(f"{len(summary.failed_runs)} runs failed: {summary.failed_runs[0]}", EXIT_RUNTIME)


def _process_step(shown: progress.Bar):
    """The processing bar: documents of each landed run, named by run and source."""
    def step(run_id: str, source_id: str, n: int, total: int) -> None:
        if n == 0:
            shown.restart(f"run {run_id}", total)
        elif source_id:
            shown.advance()
            shown.describe(f"run {run_id}: {source_id}")
        else:
            shown.describe(f"run {run_id}: language, topics, stories")
    return step


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--max-line-bytes", type=click.IntRange(min=1), default=INGEST_LINE_BYTES, show_default=True,
              help="Longest line (one record) read; a longer one rejects the file, naming its line.")
@click.pass_context
@guarded
def ingest(ctx: click.Context, file: Path, max_line_bytes: int) -> None:
    """Import already-extracted articles (JSON lines: url, title, text, [published, source, language]).

    Every line is checked first (URL with a host, ISO 639 language code, a real date, no NUL);
    one bad line rejects the file and nothing is stored."""
    from workflows.ingest import ingest_file
    summary = ingest_file(settings_of(ctx), file, progress=click.echo, max_line_bytes=max_line_bytes)
    click.echo(f"ingested {summary.articles} new articles ({summary.duplicates} duplicates)")


@cli.command()
@click.option("--since", metavar="DATE", help="Look for spikes since DATE (YYYY-MM-DD) and count the "
              "stories first published since DATE that earlier reports listed; new stories are listed either way.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output directory.")
@click.option("--format", "formats", type=click.Choice(["html", "md", "json"]), multiple=True,
              help="Format(s) to write (default: all three).")
@click.option("--send", is_flag=True, help="Deliver the digest through apprise to $RIGHTSWATCH_NOTIFY "
              "(URLs separated by spaces or commas) and the recipients of the alert rules file.")
@click.option("--alerts", "alerts_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Alert rules file (default: alerts.toml of the project).")
@click.option("--watches", "watches_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Watches file, [[watches]] tables (default: watches.toml of the project, if any).")
@click.pass_context
@guarded
def report(ctx: click.Context, since: str | None, out: Path | None, formats: tuple[str, ...],
           send: bool, alerts_path: Path | None, watches_path: Path | None) -> None:
    """Write the alert digest (new stories, stories spreading, spikes, silent sources) and,
    with --send, deliver it; nothing is alerted or sent twice. Each story is listed once, under
    its main country and topic. A run with nothing new writes no file; reports/latest.html
    (.md, .json) is always the newest report. Watches (saved searches) alert with the passage
    that matched; reports/feeds/ holds an Atom feed of the digest and one per watch."""
    from core.dates import parse_day
    from workflows.alerts import run_alerts
    since_dt = parse_day(since) if since else None
    run = run_alerts(settings_of(ctx), send=send, since=since_dt, out=out, config=alerts_path,
                     formats=list(formats) or ["html", "md", "json"], watches_file=watches_path)
    if run.paths:
        click.echo(run.headline)
        for path in run.paths:
            click.echo(f"  {path}")
    else:
        click.echo(f"{run.headline}: nothing new since the last report, so no new file")
    if run.latest:
        others = ", ".join(p.suffix for p in run.latest[1:])
        click.echo(f"  latest: {run.latest[0]}" + (f" (and {others})" if others else ""))
    if run.earlier:
        click.echo(f"  {run.earlier} {'story' if run.earlier == 1 else 'stories'} first published since "
                   f"{since} {'was' if run.earlier == 1 else 'were'} in earlier reports")
    if run.feeds:
        click.echo(f"  feeds: {run.feeds[0].parent}/ ({', '.join(p.name for p in run.feeds)})")
    for note in run.notes:
        click.echo(f"  note: {note}")
    for label in run.delivered:
        click.echo(f"  sent to {label}")
    for label in run.idle:
        click.echo(f"  nothing new for {label}")
    for label, error in run.failed:
        click.echo(f"  FAILED for {label}: {error}", err=True)
    if run.failed:
        fail(f"{len(run.failed)} deliveries failed; they are retried on the next run", EXIT_RUNTIME)


@cli.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table",
              show_default=True, help="csv, json and parquet hold every row, whole; parquet needs --out.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output (never inside the home; see --force).")
@click.option("--force", is_flag=True, help="Let --out replace an existing file.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_LIMITS.timeout, show_default=True,
              metavar="SECONDS", help="Stop the query after this long.")
@click.option("--memory-limit", "memory", default=DEFAULT_LIMITS.memory, show_default=True, metavar="SIZE",
              help="DuckDB memory for the query (it spills to disk beyond), e.g. 1GB.")
@click.option("--max-rows", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows the table view shows (a note says when there are more).")
@click.option("--wide", is_flag=True, help="Table view: aligned columns even when wider than the terminal "
              "(for `| less -S`); otherwise a too-wide table is shown one record at a time.")
@click.pass_context
@guarded
def sql(ctx: click.Context, query: str, fmt: str, out: Path | None, force: bool, timeout: float, memory: str,
        max_rows: int, wide: bool) -> None:
    """Run one read-only SQL QUERY on the warehouse (tables: articles, clusters, sources, crawl_runs,
    alerts, unreadable_documents; views: coverage_daily, first_reports, source_health,
    story_timeline, daily_digest).

    Only one SELECT-like statement runs, and it sees nothing but the warehouse, within a time and
    memory limit. While a writer is busy the query waits for it, saying so on stderr."""
    from workflows.query import View, limits, run_sql
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    count, written = run_sql(settings_of(ctx), query, fmt, out, force, limits(timeout, memory),
                             View(max_rows=max_rows, width=width, wide=wide))
    if written is not None:
        click.echo(f"{count} rows -> {written}", err=True)


@cli.command()
@click.argument("query")
@click.option("--since", metavar="DATE", help="Only articles published (else first seen) on or after DATE (YYYY-MM-DD).")
@click.option("--lang", "languages", multiple=True, metavar="L", help="Only articles in language L (repeatable).")
@click.option("--country", "countries", multiple=True, metavar="C",
              help="Only articles about country C, ISO alpha-2 (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: a line per story; json and csv: every field, the snippet's marks too.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Stories shown.")
@click.pass_context
@guarded
def search(ctx: click.Context, query: str, since: str | None, languages: tuple[str, ...],
           countries: tuple[str, ...], fmt: str, limit: int) -> None:
    """Full-text search: one line per story, best first, with the passage that matched, the
    story's languages and its first report. Words meet their other forms and scripts.

    QUERY: words, "exact phrases", OR, NOT or -word, ( ), prefix*, a NEAR/5 b, and the filters
    country:KZ topic:assembly lang:kk source:ID (docs/search.md). A query that cannot be read
    is exit 2 with the position of the mistake."""
    from core.dates import parse_day
    from workflows.search import search_command, write_hits
    hits = search_command(settings_of(ctx), query, since=parse_day(since) if since else None,
                          languages=languages, countries=countries, limit=limit)
    write_hits(hits, fmt, sys.stdout)


@cli.group()
def watches() -> None:
    """Saved searches that alert (watches.toml, or [[watches]] in the alert rules file)."""


WATCH_OPTIONS = [
    click.option("--watches", "watches_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="Watches file (default: watches.toml of the project, if any)."),
    click.option("--alerts", "alerts_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="Alert rules file, for its recipients and [[watches]] (default: alerts.toml)."),
]


def _watch_options(command):
    for option in reversed(WATCH_OPTIONS):
        command = option(command)
    return command


@watches.command("list")
@_watch_options
@click.pass_context
@guarded
def watches_list(ctx: click.Context, watches_path: Path | None, alerts_path: Path | None) -> None:
    """Each watch: its name, query, recipients and restrictions; every query is checked."""
    from workflows.alerts import load_with_watches
    config = load_with_watches(alerts_path, watches_path)
    for w in config.watches:
        limits = " ".join(f"{k}={','.join(v)}" for k, v in (("countries", w.countries), ("topics", w.topics),
                                                             ("languages", w.languages)) if v)
        click.echo(f"{w.name:24} {w.query}  -> {', '.join(w.recipients) or 'report only'}"
                   + (f"  [{limits}]" if limits else ""))
    click.echo(f"({len(config.watches)} watches)")


@watches.command("test")
@click.argument("name")
@click.option("--days", type=click.IntRange(1, 3650), default=30, show_default=True,
              help="Look at the articles that arrived in the last N days.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="Output format, as for `search`.")
@_watch_options
@click.pass_context
@guarded
def watches_test(ctx: click.Context, name: str, days: int, fmt: str, watches_path: Path | None,
                 alerts_path: Path | None) -> None:
    """What watch NAME would have matched in the last 30 days (--days): one line per story,
    with the passage that matched; nothing is alerted or recorded."""
    from workflows.alerts import load_with_watches
    from workflows.search import write_hits
    from workflows.watches import trial
    result = trial(settings_of(ctx), load_with_watches(alerts_path, watches_path), name, days=days)
    write_hits(result.hits, fmt, sys.stdout)
    if fmt == "table":
        told = sum(h.cluster_id in result.alerted for h in result.hits)
        click.echo(f"watch {name}: {len(result.hits)} {'story' if len(result.hits) == 1 else 'stories'} "
                   f"in the last {days} days, {told} already alerted")


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output directory.")
@click.pass_context
@guarded
def export(ctx: click.Context, out: Path | None) -> None:
    """Write articles as Parquet files partitioned by day (day=YYYY-MM-DD/), for other engines."""
    from workflows.export import export_parquet
    click.echo(str(export_parquet(settings_of(ctx), out)))


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8787, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback is reachable by others and is warned about.")
@click.option("--token", metavar="TOKEN|auto", default=None,
              help="Require this token on every request (`auto` makes one); the address printed carries it.")
@click.option("--alerts", "alerts_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Alert rules file whose watched countries and topics the pages show (default: alerts.toml).")
@click.pass_context
@guarded
def serve(ctx: click.Context, port: int, host: str, token: str | None, alerts_path: Path | None) -> None:
    """Serve the read-only desk: Today, Story (articles, versions, archived responses), Search,
    Coverage, Sources and SQL pages over the warehouse, in a browser.

    Each page opens the warehouse read-only for itself, so `process`, `report` and Dagster keep
    writing while it runs; nothing is ever written."""
    from desk.server import serve as run_desk
    from workflows.alerts import load_config
    run_desk(settings_of(ctx), load_config(alerts_path), host=host, port=port, token=token, echo=click.echo,
             warn=lambda line: click.echo(f"rightswatch: {line}", err=True))


@cli.command()
@click.argument("file", default="-")
@click.option("--backend", default=None, help="Language-id backend (default: region).")
@click.option("--max-line-bytes", type=click.IntRange(min=1), default=LANGID_LINE_BYTES, show_default=True,
              help="Longest line read; a longer one stops with exit 2 naming its line.")
@guarded
def langid(file: str, backend: str | None, max_line_bytes: int) -> None:
    """Identify the language of each line of FILE (or stdin): one JSON object a line out."""
    from workflows.langid import identify_lines
    for result in identify_lines(Settings.resolve(), file, backend, max_line_bytes):
        click.echo(json.dumps(result, ensure_ascii=False))


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--url", default="", help="The documents' URL (helps date and canonical extraction).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DOCUMENT_BYTES, show_default=True,
              help="Largest document read, also once unpacked; a larger one is a bad file.")
@guarded
def extract(files: tuple[str, ...], url: str, max_bytes: int) -> None:
    """Extract title, text, date and language from HTML or PDF files (plain or gzipped).

    Every file is read; a bad one gets an `error` field and a line on stderr, and the command
    exits 2 at the end."""
    from workflows.extract import extract_files
    bad = extract_files(Settings.resolve(), files, url, click.echo,
                        lambda line: click.echo(f"rightswatch: {line}", err=True), max_bytes=max_bytes)
    if bad:
        fail(f"{bad} of {len(files)} files could not be read", EXIT_BAD_INPUT)


@cli.group()
def sources() -> None:
    """The source registry."""


@sources.command("list")
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False), default=None,
              help="Source registry file (default: $RIGHTSWATCH_SOURCES, else sources.toml).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
@guarded
def sources_list(ctx: click.Context, sources_path: str | None, fmt: str) -> None:
    """Show the registry as a table, with each entry's evidence class (verified, unverified)."""
    from workflows import sources
    click.echo(sources.listing(sources_path or settings_of(ctx).sources, fmt))


@sources.command("check")
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False), default=None,
              help="Source registry file (default: $RIGHTSWATCH_SOURCES, else sources.toml).")
@click.option("--only", multiple=True, metavar="ID", help="Check only these source ids (repeatable; "
              "disabled ones too).")
@click.option("--timeout", type=float, default=15.0, show_default=True, help="Seconds per request.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: a result per source and the summary.")
@click.pass_context
@guarded
def sources_check(ctx: click.Context, sources_path: str | None, only: tuple[str, ...], timeout: float,
                  as_json: bool) -> None:
    """Fetch each enabled source once: ok with its item count and newest item date, or the kind of
    failure; then counts per outcome and per evidence class. Exit 1 when any source failed."""
    from workflows import sources
    settings = settings_of(ctx)
    show = None if as_json else (lambda r: click.echo(f"{r.id:32} {r.line()}"))
    results, summary = sources.check(settings, sources_path or settings.sources, only, timeout, progress=show)
    if as_json:
        click.echo(json.dumps({"sources": [r.as_dict() for r in results], "summary": summary}, ensure_ascii=False))
    else:
        click.echo(f"{summary['checked']} checked: {summary['ok']} ok, {summary['failed']} failed"
                   + "".join(f"; {k} {v}" for k, v in summary["by_status"].items() if k != "ok"))
        for evidence, counts in summary["by_evidence"].items():
            click.echo(f"  {evidence}: {counts['ok']} ok, {counts['failed']} failed")
    if summary["failed"]:
        fail(f"{summary['failed']} sources failed the check", EXIT_RUNTIME)


@cli.group("eval")
def eval_group() -> None:
    """Accuracy on labelled data; figures printed last."""


def _add_evaluations() -> None:
    from evals import commands
    for command in commands():
        eval_group.add_command(guarded_command(command))


def guarded_command(command: click.Command) -> click.Command:
    command.callback = guarded(command.callback)
    return command


_add_evaluations()
_add_home_options()


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
