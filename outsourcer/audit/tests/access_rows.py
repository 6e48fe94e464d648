from tests.access_matrix import Row, expect

OWNER_ONLY_READ = expect(302, 200, 403, 403, 404, 404, 404)
ORG = {"kwargs": lambda p: {"org_slug": p.org.slug}}

ROWS = [
    Row("audit:activity", OWNER_ONLY_READ, **ORG),
    Row("audit:activity-export", OWNER_ONLY_READ, **ORG),
]
