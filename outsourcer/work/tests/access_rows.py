"""Access-matrix rows for the brief check (tests/access_matrix.py).

It computes and saves nothing (`wrote=None`). Every member may ask; contractors' portal tokens
get 404 like every organization endpoint. By contractor id, Oscar's organization does not engage
Carol (404); by hand, he gets his own answer.
"""

from tests.access_matrix import Row, expect

BRIEF = {"goal": "Menu photos for the spring menu", "deadline": "2025-03-21T17:00:00+01:00", "estimate_hours": 8}

ROWS = [
    Row("/api/v1/briefs/check", expect(401, 200, 200, 200, 404, 404, 404), method="POST", api=True,
        data=lambda p: {**BRIEF, "contractor_id": p.carol_contractor.pk}, wrote=None, note="Carol by id"),
    Row("/api/v1/briefs/check", expect(401, 200, 200, 200, 404, 404, 200), method="POST", api=True,
        data=lambda p: {**BRIEF, "time_zone": "Europe/Lisbon", "weekly_capacity_hours": 20}, wrote=None,
        note="contractor by hand"),
    Row("/api/v1/briefs/check", expect(401, 422, 422, 422, 422, 422, 422), method="POST", api=True,
        data=lambda p: {**BRIEF, "time_zone": "Europe/Lisbon", "goal": "x\x00"}, wrote=None, note="schema: NUL"),
]  # fmt: skip
