"""Sample payloads of the duplicate-work overrides (docs/similar.md), as the task and job services
record them (test_sentences.py reads every declared action with its sample)."""

SIMILAR_SAMPLES = {
    "task_duplicate_overridden": (
        "Retake the shop photos",
        None,
        {
            "contractor": "Dan Contractor",
            "similar": ["Looks like “Refresh the shop photos”, already with Carol Contractor (87 % similar)"],
        },
    ),
    "job_duplicate_overridden": (
        "Shop photos",
        None,
        {"similar": ["Looks like “Refresh the shop photos”, already with Carol Contractor (91 % similar)"]},
    ),
}
