"""Every hiring area's access-matrix rows, one line each (tests/access_matrix.py)."""

from outsourcer.hiring.tests import access_rows_bids as bids

ROWS = [*bids.ROWS]
