"""Access-matrix rows for home (tests/access_matrix.py), one module per concern. The home pages
themselves are in accounts' rows (they came first)."""

from outsourcer.home.tests.access_rows_needs import ROWS as NEEDS_ROWS

ROWS = [*NEEDS_ROWS]
