"""rightswatch: media monitoring for LGBT-rights and freedom-of-assembly coverage.

This package is the shell: the `rightswatch` command (cli.py) and Scrapy's view of the project
(scrapy_project.py, scrapy_commands/); the work is in workflows/."""
from importlib.metadata import version

__version__ = version("rightswatch")  # pyproject.toml's, the one place it is written
