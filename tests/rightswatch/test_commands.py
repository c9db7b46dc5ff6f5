"""Commands that need no crawl: langid, sources list/check against the demo site."""
import json

from tests.support.cli import run_cli


def test_langid_reads_lines_and_writes_json_lines():
    text = ("Алматыда бейбіт жиналысқа қатысқан белсенділер ұсталды\n"
            "Գործընկերները հայտարարել են, որ հանրահավաքը խաղաղ էր\n"
            "Police detained six activists at the picket\n")
    result = run_cli("langid", stdin=text)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["lang"], r["script"]) for r in rows] == [("kk", "Cyrl"), ("hy", "Armn"), ("en", "Latn")]
    assert all(0 <= r["score"] <= 1 for r in rows)


def test_sources_list_and_check_on_the_demo_site(demo_sources, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_ALLOW_LOOPBACK", "1")  # the demo site lives on 127.0.0.1
    listed = run_cli("sources", "list", "--sources", str(demo_sources), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 8
    checked = run_cli("sources", "check", "--sources", str(demo_sources))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(" ok: ") == 8 and "8 checked: 8 ok, 0 failed" in checked.stdout
    broken = tmp_path / "broken.toml"
    text = demo_sources.read_text(encoding="utf-8").replace("/dala-times/rss.xml", "/dala-times/gone.xml")
    broken.write_text(text, encoding="utf-8")
    failed = run_cli("sources", "check", "--sources", str(broken))
    assert failed.returncode == 1 and "HTTP error 404" in failed.stdout
