#!/usr/bin/env bash
# make test-dates: the SQLite suite replayed at the dates and machine time zones where calendars
# break (docs/testing.md). Each run is `TEST_TODAY=… [TZ=…] pytest`; a summary line per run, and a
# non-zero exit when any run fails. Extra arguments go to pytest (e.g. -k budgets, -m "not browser").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
PY=.venv/bin/python

# "TEST_TODAY [TZ]": year end in Europe and in UTC, a leap day, Europe's and the United States' clock
# changes (01:30 and 06:30 UTC are the first half hour after each), a Sunday, the 1st and the last day
# of a month, and machines whose zone is UTC+14 or UTC-10 (where the date differs from UTC's).
RUNS=(
    "2026-12-31T23:30"
    "2027-01-01T00:30"
    "2028-02-29T12:00"
    "2027-03-28T01:30"
    "2027-11-07T06:30"
    "2027-01-03T12:00"
    "2027-02-01T00:30"
    "2027-02-28T23:30"
    "2026-12-31T10:30 Pacific/Kiritimati"
    "2027-01-01T09:30 America/Adak"
)
[[ -n ${TEST_DATES:-} ]] && IFS=',' read -r -a RUNS <<<"$TEST_DATES"

workers=${OUTSOURCER_TEST_WORKERS:-2}
args=(-q -p no:randomly)
if [[ $workers != 0 ]]; then args+=(-n "$workers" --dist worksteal); fi

failed=0
summary=()
for run in "${RUNS[@]}"; do
    read -r today zone <<<"$run"
    start=$SECONDS
    echo "=== TEST_TODAY=$today TZ=${zone:-(machine)} ==="
    rc=0
    if [[ -n ${zone:-} ]]; then
        env -u DATABASE_URL TEST_TODAY="$today" TZ="$zone" OUTSOURCER_REQUIRE_BROWSER=1 "$PY" -m pytest "${args[@]}" "$@" || rc=$?
    else
        env -u DATABASE_URL TEST_TODAY="$today" OUTSOURCER_REQUIRE_BROWSER=1 "$PY" -m pytest "${args[@]}" "$@" || rc=$?
    fi
    verdict=passed
    ((rc == 0)) || { verdict="FAILED (pytest exit $rc)"; failed=1; }
    summary+=("$(printf 'TEST_TODAY=%-17s TZ=%-19s %s in %d s' "$today" "${zone:-(machine)}" "$verdict" $((SECONDS - start)))")
done
echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
exit "$failed"
