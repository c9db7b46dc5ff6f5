"""Dagster wiring: assets, checks, schedule and sensor over the same functions the CLI uses."""
