"""Step 3, language: which of the region's twelve languages (or another) a text is in, and its
script (language.py), from two statistical models (langid_model.py) weighed with the region's
alphabets, function words and endings (langid_rules.py, langid_lexicon.toml)."""
