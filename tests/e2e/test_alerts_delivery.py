"""`rightswatch report --send` to a real SMTP server (aiosmtpd) and a real webhook on 127.0.0.1:
what arrives (subject, body, attachment), never twice, a failed delivery retried, no secret shown."""
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.mail import free_port, smtp_server

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "alerts"
SECRET = "s3cr3t-hook-token"


@pytest.fixture
def smtp():
    with smtp_server() as (port, inbox):
        yield port, inbox


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append({"path": self.path, "json": json.loads(body)})
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Webhook:
    def __init__(self, port: int = 0):
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Hook)
        self.server.received = []
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def received(self):
        return self.server.received

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.stop()


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("RIGHTSWATCH_NOTIFY", "RIGHTSWATCH_NOTIFY_ANALYSTS", "DESK_HOOK"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    result = run_cli("ingest", str(FIXTURES / "stories.jsonl"), home=home)
    assert result.returncode == 0, result.stderr
    return home


def rules(tmp_path, text="[recipients.desk]\nenv = \"DESK_HOOK\"\n") -> str:
    path = tmp_path / "alerts.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def sql_json(home, query):
    result = run_cli("sql", query, "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def latest_json(home) -> dict:
    return json.loads(sorted((home / "reports").glob("report-*.json"))[-1].read_text(encoding="utf-8"))


def test_send_delivers_mail_and_webhook_once(tmp_path, home, smtp, webhook, clean_env):
    port, inbox = smtp
    clean_env.setenv("RIGHTSWATCH_NOTIFY", f"mailto://127.0.0.1:{port}?from=bot@example.com&to=ops@example.com")
    clean_env.setenv("DESK_HOOK", f"json://bot:{SECRET}@127.0.0.1:{webhook.port}/hook")
    first = run_cli("report", "--send", "--alerts", rules(tmp_path), home=home)
    assert first.returncode == 0, first.stderr
    assert "sent to notify (mailto)" in first.stdout and "sent to desk (json)" in first.stdout
    digest = latest_json(home)
    titles = [s["title"] for s in digest["stories"]]
    assert len(titles) == 3

    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert mail["Subject"].startswith("rightswatch ") and "3 new stories" in mail["Subject"]
    assert mail["To"] == "ops@example.com"
    body = mail.get_body(preferencelist=("plain", "html")).get_content()
    assert all(title in body for title in titles)
    attached = [part for part in mail.iter_attachments()]
    assert len(attached) == 1 and attached[0].get_filename().endswith(".html")
    html = attached[0].get_payload(decode=True).decode("utf-8")  # the page declares its charset itself
    assert html.lstrip().lower().startswith("<!doctype html>") and all(t in html for t in titles)

    assert len(webhook.received) == 1
    post = webhook.received[0]
    assert post["path"] == "/hook" and "3 new stories" in post["json"]["title"]
    assert all(title in post["json"]["message"] for title in titles)
    attachment = post["json"]["attachments"][0]
    assert attachment["filename"].endswith(".html")
    assert titles[0] in base64.b64decode(attachment["base64"]).decode("utf-8")

    second = run_cli("report", "--send", "--alerts", rules(tmp_path), home=home)
    assert second.returncode == 0, second.stderr
    assert "nothing new for notify (mailto)" in second.stdout and "nothing new for desk (json)" in second.stdout
    assert len(inbox.messages) == 1 and len(webhook.received) == 1

    rows = sql_json(home, "SELECT recipient, status, attempts, last_error FROM alert_deliveries")
    assert len(rows) == 6 and {r["status"] for r in rows} == {"sent"} and {r["attempts"] for r in rows} == {1}
    shown = first.stdout + first.stderr + second.stdout + second.stderr + json.dumps(rows)
    shown += "".join(p.read_text(encoding="utf-8") for p in (home / "reports").rglob("*") if p.is_file())
    assert SECRET not in shown and "ops@example.com" not in shown


def test_a_failed_delivery_is_retried_next_run_and_not_marked_sent(tmp_path, home, clean_env):
    port = free_port()  # nothing listens there yet
    clean_env.setenv("RIGHTSWATCH_NOTIFY", f"json://bot:{SECRET}@127.0.0.1:{port}/hook")
    failed = run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home)
    assert failed.returncode == 1
    assert "FAILED for notify (json)" in failed.stderr and "retried on the next run" in failed.stderr
    assert SECRET not in failed.stdout + failed.stderr
    rows = sql_json(home, "SELECT status, attempts, sent_at, last_error FROM alert_deliveries")
    assert len(rows) == 3 and {(r["status"], r["attempts"], r["sent_at"]) for r in rows} == {("failed", 1, None)}
    assert all(r["last_error"] and SECRET not in r["last_error"] for r in rows)

    hook = Webhook(port)
    try:
        more = tmp_path / "more.jsonl"
        more.write_text(json.dumps({
            "url": "https://nasha.example/be/2026/11/minsk-zatrymali.html", "source": "nasha-be",
            "published": "2026-11-24", "title": "У Мінску затрымалі ўдзельнікаў пікета за правы ЛГБТ",
            "text": "У Мінску міліцыя затрымала трох удзельнікаў пікета ў падтрымку правоў ЛГБТ-людзей.\n"
                    "Праваабаронцы з Вясны кажуць, што затрыманні парушаюць права на мірныя сходы ў Беларусі."},
            ensure_ascii=False) + "\n", encoding="utf-8")
        assert run_cli("ingest", str(more), home=home).returncode == 0
        retried = run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home)
        assert retried.returncode == 0, retried.stderr
        assert len(hook.received) == 1
        message = hook.received[0]["json"]["message"]
        assert "4 new stories" in hook.received[0]["json"]["title"]  # the 3 owed and the new one
        assert "Мінску" in message and "Алматы" in message
        assert latest_json(home)["counts"]["new_story"] == 1  # the file lists what is new in this run
        rows = sql_json(home, "SELECT status, attempts FROM alert_deliveries ORDER BY attempts")
        assert [(r["status"], r["attempts"]) for r in rows] == [("sent", 1)] + [("sent", 2)] * 3
        again = run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home)
        assert again.returncode == 0 and "nothing new for notify (json)" in again.stdout
        assert len(hook.received) == 1
    finally:
        hook.stop()


def test_send_without_a_recipient_or_with_a_bad_url_is_bad_input_and_changes_nothing(tmp_path, home, clean_env):
    none = run_cli("report", "--send", "--alerts", rules(tmp_path), home=home)
    assert none.returncode == 2 and "no recipient" in none.stderr and "DESK_HOOK is not set" in none.stderr
    clean_env.setenv("RIGHTSWATCH_NOTIFY", f"bogus://{SECRET}@somewhere")
    bad = run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home)
    assert bad.returncode == 2 and "scheme 'bogus'" in bad.stderr and SECRET not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    assert sql_json(home, "SELECT count(*) AS n FROM alerts")[0]["n"] == 0
    broken = run_cli("report", "--alerts", rules(tmp_path, "[spike]\nmin_count = 'x'\n"), home=home)
    assert broken.returncode == 2 and "[spike] 'min_count' must be int" in broken.stderr


def test_a_corrected_url_delivers_what_was_owed_to_the_recipient(tmp_path, home, webhook, clean_env):
    """Deliveries follow the recipient, not the URL: a new password and port still get the backlog."""
    clean_env.setenv("RIGHTSWATCH_NOTIFY", f"json://bot:wrong-{SECRET}@127.0.0.1:{free_port()}/hook")
    assert run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home).returncode == 1
    clean_env.setenv("RIGHTSWATCH_NOTIFY", f"json://bot:{SECRET}@127.0.0.1:{webhook.port}/hook")
    fixed = run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home)
    assert fixed.returncode == 0 and "sent to notify (json)" in fixed.stdout, fixed.stdout + fixed.stderr
    assert len(webhook.received) == 1 and "3 new stories" in webhook.received[0]["json"]["title"]
    rows = sql_json(home, "SELECT recipient, status, attempts FROM alert_deliveries")
    assert {(r["recipient"], r["status"], r["attempts"]) for r in rows} == {("notify", "sent", 2)}


KILLED_WHILE_SENDING = """
import os, signal, sys
from reports import delivery
from workflows import alerts as alerting
from workflows.settings import Settings
real, calls = delivery.send, []
def send(target, *args):
    calls.append(target)
    if len(calls) > int(sys.argv[2]):  # SIGKILL, after the alerts were recorded, before this send
        os.kill(os.getpid(), signal.SIGKILL)
    return real(target, *args)
delivery.send = send
alerting.run_alerts(Settings.resolve(sys.argv[1]), send=True, config=sys.argv[3])
"""


@pytest.mark.parametrize("sent_before_kill", [0, 1])
def test_a_run_killed_between_recording_and_sending_is_resent_once(tmp_path, home, webhook, clean_env,
                                                                  sent_before_kill):
    import subprocess
    import sys
    from tests.support.project import PROJECT
    clean_env.setenv("RIGHTSWATCH_NOTIFY", f"json://127.0.0.1:{webhook.port}/a json://127.0.0.1:{webhook.port}/b")
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_SENDING, str(home), str(sent_before_kill),
                             rules(tmp_path, "")], cwd=str(PROJECT), capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert [m["path"] for m in webhook.received] == ["/a"] * sent_before_kill
    for _ in range(2):  # the next run sends what the killed one had not; the one after, nothing
        again = run_cli("report", "--send", "--alerts", rules(tmp_path, ""), home=home)
        assert again.returncode == 0, again.stdout + again.stderr
    assert sorted(m["path"] for m in webhook.received) == ["/a", "/b"]
    assert all("3 new stories" in m["json"]["title"] for m in webhook.received)
    rows = sql_json(home, "SELECT recipient, status FROM alert_deliveries")
    assert {(r["recipient"], r["status"]) for r in rows} == {("notify", "sent"), ("notify#2", "sent")}
