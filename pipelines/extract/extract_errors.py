"""The extraction layer's errors: unreadable documents, and readable pages that hold no article."""


class ExtractError(ValueError):
    """The document cannot be read: not HTML, not a PDF, empty, binary, too big."""


class NotAnArticle(ExtractError):
    """The page reads fine but is not an article: a section front, tag page, episode list, menu.

    A subclass, so every caller that tolerates unreadable documents tolerates these too;
    callers that care (the pipeline's counts, `rightswatch extract`) tell them apart."""
