"""Access-matrix rows of the hiring app: one module per area, concatenated here."""

from outsourcer.hiring.tests import access_rows_award as award
from outsourcer.hiring.tests import access_rows_bids as bids
from outsourcer.hiring.tests import access_rows_comparison as comparison
from outsourcer.hiring.tests import access_rows_interviews as interviews
from outsourcer.hiring.tests import access_rows_jobs as jobs
from outsourcer.hiring.tests import access_rows_qa as qa
from outsourcer.hiring.tests import access_rows_references as references
from outsourcer.hiring.tests import access_rows_similar as similar

ROWS = [
    *jobs.ROWS,
    *bids.ROWS,
    *qa.ROWS,
    *comparison.ROWS,
    *interviews.ROWS,
    *references.ROWS,
    *award.ROWS,
    *similar.ROWS,
]
