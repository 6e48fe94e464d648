"""Every read of oversight. A package with one module per concern; import selectors from here."""
