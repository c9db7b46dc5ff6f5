from pipelines.clean import article_id, canonical_url, clean_text, clean_title, content_hash


def test_clean_text_normalises_spacing_and_invisibles():
    raw = "  Алматыда\u00a0 пикет\u200b өтті. \n\n\t Полиция   келді.  \n"
    assert clean_text(raw) == "Алматыда пикет өтті.\nПолиция келді."
    assert clean_title(" Тбилиси:\n марш ") == "Тбилиси: марш"


def test_clean_text_composes_to_nfc():
    decomposed = "и\u0306"  # и + combining breve = й
    assert clean_text(decomposed) == "й"


def test_content_hash_ignores_case_spacing_and_punctuation_only():
    a = content_hash("Бишкекте митинг өтті.\nПолиция келді.")
    assert a == content_hash("бишкекте  митинг өтті  полиция келді")
    assert a != content_hash("Бишкекте митинг өтпеді. Полиция келді.")


def test_canonical_url_strips_tracking_and_fragment():
    url = "HTTPS://WWW.Example.org/a/story/123.html?utm_source=tg&b=2&a=1&fbclid=x#comments"
    assert canonical_url(url) == "https://example.org/a/story/123.html?a=1&b=2"


def test_declared_canonical_wins():
    assert canonical_url("https://m.site.kz/x?amp=1", "https://site.kz/x") == "https://site.kz/x"
    assert canonical_url("https://site.kz/x", "/relative") == "https://site.kz/relative"


def test_article_id_is_stable():
    assert article_id("https://site.kz/x") == article_id("https://site.kz/x")
    assert len(article_id("https://site.kz/x")) == 16
