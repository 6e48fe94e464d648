"""A contractor's track record with an organization: the one selector later domains plug into."""
