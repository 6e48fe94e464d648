"""Every write of the hiring domain, one module per area; re-exported here."""
