"""rightswatch: media monitoring for LGBT-rights and freedom-of-assembly coverage."""

__version__ = "0.1.0"
