"""Access-matrix rows for oversight (tests/access_matrix.py): each area's rows in its own module."""

from outsourcer.oversight.tests.access_rows_deliverables import ROWS as DELIVERABLE_ROWS
from outsourcer.oversight.tests.access_rows_feedback import ROWS as FEEDBACK_ROWS
from outsourcer.oversight.tests.access_rows_health import ROWS as HEALTH_ROWS
from outsourcer.oversight.tests.access_rows_utilization import ROWS as UTILIZATION_ROWS

ROWS = [*DELIVERABLE_ROWS, *FEEDBACK_ROWS, *UTILIZATION_ROWS, *HEALTH_ROWS]
