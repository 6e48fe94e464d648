"""Sentence samples of oversight's audit actions (test_sentences.py takes them all):
action → (object name, before, after)."""

OVERSIGHT_SAMPLES = {
    "deliverable_submitted": ("Spring menu photos", None, {"version": 2, "files": 1, "links": 1}),
    "deliverable_accepted": (
        "Spring menu photos",
        {"status": "submitted"},
        {"status": "accepted", "version": 1, "latency_minutes": 300},
    ),
    "deliverable_changes_requested": (
        "Spring menu photos",
        {"status": "submitted"},
        {"status": "changes_requested", "version": 1, "reasons": ["Something is missing"], "latency_minutes": 60},
    ),
}

OVERSIGHT_SAMPLES |= {
    "feedback_given": ("Spring menu photos", None, {"quality": 5, "timeliness": 4, "communication": 5}),
    "feedback_reminder_sent": ("Spring menu photos", None, {"recipient": "Alice Owner", "days": 2}),
}
