"""Form data the contractor tests post."""


def contractor_form(**overrides) -> dict:
    data = {
        "kind": "person", "name": "Nadia Okafor", "email": "nadia@studio.example", "company": "Okafor Studio",
        "website": "https://okafor.example", "skills": "Copywriting, SEO", "time_zone": "Africa/Lagos",
        "capacity_hours": "7.5", "default_rate": "45.50", "currency": "EUR", "status": "prospect",
        "notes": "Met at the trade fair.", "mon_start": "09:00", "mon_end": "17:00", "wed_start": "10:00",
        "wed_end": "14:30", "tier_1_hours": "20", "tier_1_rate": "40",
    }  # fmt: skip
    data.update(overrides)
    return data
