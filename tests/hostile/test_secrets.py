"""Delivery secrets (apprise URL passwords and tokens) never reach logs, reports, the landing
zone, the archive, the warehouse or error messages: a run with them set is grepped end to end."""
from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

from tests.support.project import free_port, PROJECT
from warehouse import db

PASSWORD, TOKEN, SMTP_PASSWORD = "Pw-fake-8c41d2e7", "tok-fake-51b0aa93", "smtp-fake-0d9e4c1f"


def cli(home, *args, env):
    return subprocess.run([sys.executable, "-m", "rightswatch.cli", "--home", str(home), *args],
                          capture_output=True, text=True, env=env, cwd=str(PROJECT), timeout=300)


def texts_of(path):
    """Every file's bytes, gzip members unpacked (WARC archives, cached pages)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data += gzip.decompress(data)
        except (OSError, EOFError):
            pass
    return data


def warehouse_dump(path) -> str:
    with db.reader(path) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return "\n".join(json.dumps(con.execute(f'SELECT * FROM "{t}"').fetchall(), default=str)  # test-only
                         for t in tables)


def test_no_secret_leaves_a_run(demo_home, tmp_path):
    source_home, *_ = demo_home
    home = tmp_path / "home"
    for part in ("landing", "raw"):  # what the demo crawled, with a warehouse that has alerted nothing
        shutil.copytree(source_home / part, home / part)
    received = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    dead = free_port()
    hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    try:
        port = hook.server_address[1]
        env = {**os.environ, "RIGHTSWATCH_CONTACT": "monitor@example.org",
               "RIGHTSWATCH_NOTIFY": f"json://hook:{PASSWORD}@127.0.0.1:{port}/hook?token={TOKEN} "
                                     f"json://hook:{PASSWORD}@127.0.0.1:{dead}/x?token={TOKEN} "
                                     f"mailto://analyst:{SMTP_PASSWORD}@example.org:{dead}?smtp=127.0.0.1&to=a@example.org"}
        env.pop("RIGHTSWATCH_HOME", None)
        outputs = [cli(home, "process", env=env), cli(home, "report", "--send", "--since", "2026-01-01", env=env),
                   cli(home, "report", "--send", env=env)]
    finally:
        hook.shutdown()
    assert received, outputs[1].stdout + outputs[1].stderr  # the working channel got the digest
    secrets = [PASSWORD, TOKEN, SMTP_PASSWORD]
    for result in outputs:
        for secret in secrets:
            assert secret not in result.stdout + result.stderr, (secret, result.stdout, result.stderr)
    leaks = [(str(path.relative_to(home)), s) for path in home.rglob("*") if path.is_file()
             for s in secrets if s.encode() in texts_of(path)]
    assert leaks == []
    dump = warehouse_dump(home / "warehouse.duckdb")
    assert not [s for s in secrets if s in dump]
