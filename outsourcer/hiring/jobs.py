"""Periodic jobs of the hiring domain, run by the worker (`manage.py scheduler` enqueues them)."""

PERIODIC_JOBS: list = []
