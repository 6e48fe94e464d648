"""Access-matrix rows of the hiring app, one module per area."""

from outsourcer.hiring.tests import access_rows_interviews as interviews

ROWS = [*interviews.ROWS]
