"""Access-matrix rows for oversight (tests/access_matrix.py), one module per concern."""

from outsourcer.oversight.tests.access_rows_deliverables import ROWS as DELIVERABLE_ROWS

ROWS = [*DELIVERABLE_ROWS]
