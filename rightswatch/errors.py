"""The one exception every layer raises for bad input: the CLI prints it on one line and exits 2."""


class BadInput(Exception):
    """A bad config, file, line, key or query; the message names which."""
