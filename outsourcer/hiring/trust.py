"""The trust score: 0–100 per engagement from vetting and track record (docs/trust.md)."""
