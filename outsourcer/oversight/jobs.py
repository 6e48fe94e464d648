"""Oversight's periodic jobs, collected by `manage.py scheduler` (lib/hooks.py)."""

PERIODIC_JOBS: list = []
