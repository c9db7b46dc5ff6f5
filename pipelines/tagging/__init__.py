"""Step 4, tagging: the topics, countries, organisations and relevance of an article and the
words behind them (tagging.py), from one compiled gazetteer over the vocabulary files
(gazetteer.py, vocab/), the countries a text is about (aboutness.py), lines that are not the
article (inserts.py), and a story's main country and topic (emphasis.py)."""
