"""API: hiring (jobs, invitations, bids, Q&A, interviews, scorecards, references, company checks,
award). Each area's router lives in its own module and is mounted in outsourcer/api/api.py."""
