"""Access-matrix rows of the hiring app: one module per area, concatenated here."""

from outsourcer.hiring.tests import access_rows_award as award

ROWS = [*award.ROWS]
