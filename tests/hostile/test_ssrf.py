"""SSRF: private, loopback and link-local destinations are refused before any byte is sent;
loopback only when a run turns it on. No test sends traffic to a refused address."""
from __future__ import annotations

import pytest

from scrapers import loopback
from scrapers.check import check_source
from scrapers.crawl import crawl
from scrapers.settings import LOCAL_FAST, LOOPBACK
from scrapers.ssrf import check_literal, check_url, refusal
from tests.support.cli import run_cli
from tests.support.sites import source, write_registry
from workflows.settings import Settings


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("172.31.255.254", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "link-local (cloud metadata)"),
    ("169.254.10.10", "link-local"), ("fe80::1", "link-local"), ("fd00::1", "private"),
    ("fc00::abcd", "private"), ("::ffff:10.0.0.1", "private"), ("0.0.0.0", "private"),
    ("100.64.0.1", "private"), ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("172.32.0.1", None),
])
def test_address_verdicts(address, kind):
    assert refusal(address) == kind
    assert refusal(address, allow_loopback=True) == (None if address == "127.0.0.1" else kind)


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://localhost/",
    "http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://[fd12:3456::1]/x",
    "http://api.localhost/", "http://[::ffff:192.168.0.1]/",
])
def test_literal_forms_are_refused_without_a_lookup(url):
    assert check_literal(url) and check_url(url)


def test_loopback_allowance_covers_loopback_only():
    assert check_url("http://127.0.0.1:8000/", allow_loopback=True) is None
    assert check_url("http://10.0.0.1/", allow_loopback=True) == "private address 10.0.0.1"


@pytest.mark.parametrize("url", [
    "http://127.0.0.2/", "http://localhost:8000/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
    "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://api.localhost/",
])
def test_the_loopback_allowance_means_127_0_0_1_and_nothing_else(url):
    assert check_url(url, allow_loopback=True) and check_literal(url, allow_loopback=True)


def test_settings_read_the_allowance_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("RIGHTSWATCH_ALLOW_LOOPBACK", raising=False)
    assert not Settings.resolve(tmp_path).allow_loopback
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")
    assert Settings.resolve(tmp_path).allow_loopback


def test_a_crawl_without_the_allowance_sends_nothing_to_loopback(tmp_path):
    with loopback.serve(routes={"/rss.xml": lambda _: loopback.Reply(200, b"<rss/>")}) as site:
        manifest = crawl(tmp_path / "home", [source("local", "feed", site.base_url + "/rss.xml")],
                         overrides=LOCAL_FAST, progress=lambda _: None)
        assert site.hits == []  # not even robots.txt
    summary = manifest["sources"][0]
    assert summary["errors_by_kind"] == {"refused_address": 1} and summary["status"] == "failed"
    assert "loopback address 127.0.0.1" in summary["error_samples"][0]["error"]


def test_a_redirect_to_a_private_address_is_refused(tmp_path):
    routes = {"/rss.xml": lambda _: loopback.Reply(301, b"", {"Location": "http://10.255.255.1/rss.xml"}),
              "/robots.txt": lambda _: loopback.Reply(404, b"")}
    with loopback.serve(routes=routes) as site:
        manifest = crawl(tmp_path / "home", [source("local", "feed", site.base_url + "/rss.xml")],
                         overrides={**LOCAL_FAST, **LOOPBACK}, progress=lambda _: None)
    summary = manifest["sources"][0]
    assert summary["errors_by_kind"].get("refused_address") == 1, summary


def test_sources_check_refuses_private_addresses(tmp_path, monkeypatch):
    monkeypatch.delenv("RIGHTSWATCH_ALLOW_LOOPBACK", raising=False)
    meta = check_source(source("meta", "feed", "http://169.254.169.254/latest/"))
    assert meta.status == "refused_address" and meta.detail.startswith("link-local")
    with loopback.serve(routes={"/go": lambda _: loopback.Reply(302, b"", {"Location": "http://192.168.0.1/"})}) as site:
        redirected = check_source(source("x", "feed", site.base_url + "/go"), timeout=5, allow_loopback=True)
        assert redirected.status == "refused_address"
        assert redirected.detail.startswith("redirect refused: private address 192.168.0.1")
        registry = write_registry(tmp_path / "sources.toml", [source("local", "feed", site.base_url + "/go")])
        site.clear()
        result = run_cli("sources", "check", "--sources", str(registry))
        assert site.hits == []
    assert result.returncode == 1 and "refused_address: loopback address 127.0.0.1" in result.stdout


def test_a_host_name_is_judged_by_what_it_resolves_to(tmp_path):
    """This machine's own name resolves (from the hosts file) to a loopback or private address:
    the middleware's lookup path refuses it before connecting."""
    import socket
    name = socket.gethostname()
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, 80, proto=socket.IPPROTO_TCP)}
    except OSError:
        pytest.skip(f"{name} does not resolve here")
    if not all(refusal(a) for a in addresses):
        pytest.skip(f"{name} resolves to a public address here")
    assert check_url(f"http://{name}/")
    manifest = crawl(tmp_path / "home", [source("named", "feed", f"http://{name}:9/rss.xml")],
                     overrides=LOCAL_FAST, progress=lambda _: None)
    assert manifest["sources"][0]["errors_by_kind"] == {"refused_address": 1}, manifest["sources"][0]
