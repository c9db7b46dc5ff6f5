"""Recipients, URL splitting and redaction: what leaves delivery never shows a URL's secrets."""
import pytest

from core.errors import BadInput
from pipelines.alerts.alert_config import AlertConfig, Recipient
from reports import delivery

TOKEN = "123456789:AAHs3cr3tB0tT0ken"


def test_urls_split_on_spaces_and_commas_but_not_inside_a_url():
    value = "mailto://h?from=a@x.com&to=b@y.com,c@z.com, json://127.0.0.1:8080/hook\ttgram://1:T/2"
    assert delivery.split_urls(value) == ["mailto://h?from=a@x.com&to=b@y.com,c@z.com",
                                          "json://127.0.0.1:8080/hook", "tgram://1:T/2"]
    assert delivery.split_urls("  ") == []


def test_targets_from_the_environment_and_named_recipients():
    config = AlertConfig(recipients=(Recipient("desk", env="DESK"), Recipient("ops", urls=("json://127.0.0.1/ops",)),
                                     Recipient("absent", env="NOT_SET")), source="alerts.toml")
    found, notes = delivery.targets(config, {"RIGHTSWATCH_NOTIFY": f"tgram://{TOKEN}/42",
                                             "DESK": "json://127.0.0.1:9/a json://127.0.0.1:9/b"})
    assert [t.label for t in found] == ["notify (tgram)", "desk (json)", "desk#2 (json)", "ops (json)"]
    assert len({t.key for t in found}) == 4 and all(TOKEN not in t.key + t.label + repr(t) for t in found)
    assert notes == ["recipient absent: $NOT_SET is not set"]


def test_a_recipient_keeps_its_key_when_its_url_changes():
    """Deliveries follow the recipient: a new password, scheme or host keeps the key."""
    keys = [[t.key for t in delivery.targets(AlertConfig(), {"RIGHTSWATCH_NOTIFY": value})[0]]
            for value in ("json://bot:old@127.0.0.1:9/hook", "jsons://bot:new@127.0.0.1:10/hook",
                          "json://127.0.0.1:9/a json://127.0.0.1:9/a json://127.0.0.1:9/b")]
    assert keys == [["notify"], ["notify"], ["notify", "notify#2"]]


def test_a_bad_url_is_bad_input_without_showing_it():
    with pytest.raises(BadInput) as caught:
        delivery.targets(AlertConfig(), {"RIGHTSWATCH_NOTIFY": f"json://127.0.0.1/x nope://{TOKEN}"})
    assert "URL 2" in str(caught.value) and "nope" in str(caught.value) and TOKEN not in str(caught.value)


@pytest.mark.parametrize("url, secret", [
    (f"tgram://{TOKEN}/42", "AAHs3cr3tB0tT0ken"),
    ("mailtos://bot:pa55word@smtp.example.org?to=ops@example.org", "pa55word"),
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general", "TIiajkdnlazkcOXrIdevi7FQ"),
    ("json://user:hunter22@127.0.0.1:8080/hook/KEY123456", "KEY123456"),
])
def test_redaction_removes_the_secret_parts(url, secret):
    message = f"Failed to send to {url} (auth {secret} refused); host 127.0.0.1"
    cleaned = delivery.redact(message, [url])
    assert secret not in cleaned and url not in cleaned and "127.0.0.1" in cleaned
