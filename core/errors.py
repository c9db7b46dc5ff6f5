"""The exceptions every layer raises for the CLI's two failure exit codes: bad input (2) and a
runtime failure it can explain (1). The CLI prints either on one line, never a traceback."""


class BadInput(Exception):
    """A bad config, file, line, key or query; the message names which."""


class Failure(RuntimeError):
    """A runtime failure whose message says what happened and what to do (a query past its
    time limit, a warehouse busy for too long)."""
