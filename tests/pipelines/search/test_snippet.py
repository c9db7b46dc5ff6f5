"""Snippets: the passage with the matched words, in any form and script, marked for HTML,
Markdown and the terminal."""
from __future__ import annotations

from pipelines.search import snippet

TEXT = ("Сейсенбі күні Алматы әкімдігі белсенділердің жиынына рұқсат бермеді. "
        "Полиция Тохтахуновты сотқа шақырды. " + "Басқа жаңалықтар. " * 40)


def test_marks_forms_of_the_query_words():
    s = snippet.Highlighter(["жиын", "Toxtaxunov"], []).snippet(TEXT, "kk")
    assert s.plain().count("[") == 2 and "[жиынына]" in s.plain() and "[Тохтахуновты]" in s.plain()
    assert "<mark>жиынына</mark>" in s.html() and "**жиынына**" in s.markdown()
    assert s.text.endswith(snippet.ELLIPSIS)


def test_escapes_what_it_does_not_mark():
    s = snippet.Highlighter(["court"], []).snippet("<b>Court</b> fined *two* activists", "en")
    assert s.html() == "&lt;b&gt;<mark>Court</mark>&lt;/b&gt; fined *two* activists"
    assert s.markdown() == "<b>**Court**</b> fined \\*two\\* activists"


def test_prefixes_and_no_match():
    assert "[Тохтахуновты]" in snippet.Highlighter([], ["Тохт"]).snippet(TEXT, "kk").plain()
    opening = snippet.Highlighter(["football"], []).snippet(TEXT, "kk", width=40)
    assert opening.marks == () and opening.text.startswith("Сейсенбі")
