"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

from outsourcer.hiring.selectors.comparison import (  # noqa: F401
    SORTS,
    ComparedBid,
    Comparison,
    bid_comparison,
    bid_comparison_csv_rows,
)
