"""The vetting gate: whether an engagement meets the organization's vetting policy."""
