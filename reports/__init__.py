"""What analysts read and receive: the digest rendered (HTML with charts, Markdown, JSON), query
results as tables, CSV and JSON, and delivery through apprise. It renders records it is given;
reading the warehouse and deciding what to alert happen before it (workflows/, pipelines/alerts/)."""
