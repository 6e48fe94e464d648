"""Access-matrix rows for oversight (tests/access_matrix.py): one module per area, joined here."""

from outsourcer.oversight.tests.access_rows_feedback import ROWS as FEEDBACK_ROWS

ROWS = FEEDBACK_ROWS
