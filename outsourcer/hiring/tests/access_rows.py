"""Access-matrix rows of the hiring pages, one module per area."""

from outsourcer.hiring.tests import access_rows_comparison as comparison

ROWS = [*comparison.ROWS]
