"""Step 6, alerts: the rules, pure functions from warehouse records to alerts with stable ids
(alerts.py: new stories, stories spreading to new languages, spikes, silent sources), and
their settings parsed from the text of alerts.toml (alert_config.py). Reading the warehouse,
writing the digest and delivering it are workflows/alerts.py's and reports/'."""
