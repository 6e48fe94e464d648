"""Access-matrix rows for oversight (tests/access_matrix.py): each area's rows in its own module."""

from outsourcer.oversight.tests.access_rows_health import ROWS as HEALTH_ROWS

ROWS = [*HEALTH_ROWS]
