"""Every input limit in one place: the services check them and the API schemas declare them
(so the OpenAPI document, the fuzzer and the services agree)."""

# 10 billion in major units: far above any small business's budget, far below BIGINT overflow
# even after multiplying by minutes and exchange rates.
MAX_AMOUNT_CENTS = 10**12
MAX_RATE_MICROS = 10**12
MAX_RATE_CENTS = 10**8  # per hour; keeps cap × rate × days inside BIGINT in the SQL forecast
MAX_DAY_MINUTES = 24 * 60
MAX_WEEK_MINUTES = 7 * 24 * 60
MAX_MONTH_MINUTES = 31 * 24 * 60
MAX_WEEK_HOURS = 168
MAX_ESTIMATE_MINUTES = 10_000 * 60
MAX_WEEKS = 260  # five years of weekly planning
MAX_MILESTONES = 50
MAX_THRESHOLDS = 10
MAX_THRESHOLD_PERCENT = 200
MAX_VOLUME_TIERS = 10
MAX_SKILLS = 30
MAX_BULK_IDS = 200  # time entries reviewed in one request
# Primary keys: positive and within a 64-bit integer, so no database sees an overflow.
MAX_ID = 2**63 - 1
