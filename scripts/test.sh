#!/usr/bin/env bash
# make test: make lint, then the whole pytest suite on SQLite, then on PostgreSQL. Both results are reported;
# the exit status is non-zero when either run fails (pytest's "no tests collected", exit 5, included).
# Extra arguments go to pytest (make test PYTEST_ARGS="-k login").
# OUTSOURCER_TEST_WORKERS=N sets pytest-xdist workers (default 2; 0 runs in one process).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/pg.sh
source scripts/pg.sh

T_START=$SECONDS
phase_t0=$SECONDS
phase() { phase_t0=$SECONDS; echo; echo "=== $* ==="; }
phase_done() { echo "--- $1: $((SECONDS - phase_t0)) s"; }

cleanup() { pg_tmp_stop; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# apt-get that waits for another apt/dpkg run (an install in progress) instead of failing on its lock.
apt_get() {
    local try log rc
    log=$(mktemp)
    for try in $(seq 1 60); do
        rc=0
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1 | tee "$log" || rc=$?
        if ((rc == 0)); then
            rm -f "$log"
            return 0
        fi
        if grep -qE 'Could not get lock|Unable to lock|is another process using it' "$log"; then
            echo "apt-get is busy elsewhere; waiting 10 s (try $try/60)" >&2
            sleep 10
            continue
        fi
        rm -f "$log"
        return "$rc"
    done
    rm -f "$log"
    return 1
}

# --- 1. Python environment ------------------------------------------------------------------------
phase "setup: .venv and requirements"
bash scripts/bootstrap.sh
PY=.venv/bin/python
# Bytecode: the project's modules compiled once here, and written by every process from now on, so
# that pytest's workers and the subprocesses tests start do not each compile them from source
# (a shell with PYTHONDONTWRITEBYTECODE set, as CI's is, would; __pycache__/ is ignored by git).
unset PYTHONDONTWRITEBYTECODE
"$PY" -m compileall -q -j 0 outsourcer config tests bench conftest.py >/dev/null
phase_done setup

# --- 2. Lint: ruff and the import contracts (docs/architecture.md) -------------------------------
# A broken contract fails the run like a failing test; the suites still run so both are reported.
declare -a summary=()
failed=0
phase "lint: make lint"
lint_rc=0
make --no-print-directory lint || lint_rc=$?
if ((lint_rc == 0)); then
    summary+=("$(printf '%-11s %s in %d s' lint passed $((SECONDS - phase_t0)))")
else
    summary+=("$(printf '%-11s %s in %d s' lint "FAILED (make lint exit $lint_rc)" $((SECONDS - phase_t0)))")
    failed=1
fi
phase_done lint

# --- 3. Chromium for the Playwright journeys --------------------------------------------------------
phase "chromium"
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ ! -x $CHROMIUM ]]; then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "ERROR: $CHROMIUM is missing and it cannot be installed here (needs root and apt-get)." >&2
        echo "Install it, e.g. 'sudo apt-get update && sudo apt-get install -y chromium', then rerun make test." >&2
        exit 1
    fi
    echo "installing Chromium: apt-get update && apt-get install -y chromium"
    apt_get update
    apt_get install -y chromium
fi
if [[ ! -x $CHROMIUM ]]; then
    echo "ERROR: Chromium is still missing at $CHROMIUM after installing it." >&2
    exit 1
fi
"$CHROMIUM" --version 2>/dev/null || true
phase_done chromium

# --- 4. The suites --------------------------------------------------------------------------------
pytest_args=()
workers=${OUTSOURCER_TEST_WORKERS:-2}
if [[ $workers != 0 ]] && "$PY" -c 'import xdist' 2>/dev/null; then
    # worksteal: a worker that runs out takes tests from the other's queue, so the run does not end
    # waiting for one worker's last slow browser journeys
    pytest_args+=(-n "$workers" --dist worksteal)
fi
pytest_args+=("$@")

# run_suite LABEL VAR=VALUE… : pytest with those variables; records the outcome.
run_suite() {
    local label=$1 rc=0 verdict
    shift
    phase "tests on $label: pytest ${pytest_args[*]}"
    env "$@" "$PY" -m pytest "${pytest_args[@]}" || rc=$?
    case $rc in
    0) verdict="passed" ;;
    5) verdict="FAILED: pytest collected no tests (exit 5)" ;;
    *) verdict="FAILED (pytest exit $rc)" ;;
    esac
    ((rc == 0)) || failed=1
    summary+=("$(printf '%-11s %s in %d s' "$label" "$verdict" $((SECONDS - phase_t0)))")
    phase_done "tests on $label"
}

run_suite SQLite -u DATABASE_URL -u OUTSOURCER_REQUIRE_POSTGRES OUTSOURCER_REQUIRE_BROWSER=1

phase "postgresql: finding a server"
if pg_choose_url; then
    echo "PostgreSQL: ${PG_URL}"
    phase_done "postgresql setup"
    run_suite PostgreSQL DATABASE_URL="$PG_URL" OUTSOURCER_REQUIRE_BROWSER=1 OUTSOURCER_REQUIRE_POSTGRES=1
else
    phase_done "postgresql setup"
    summary+=("$(printf '%-11s %s' PostgreSQL "FAILED: no PostgreSQL server could be found or started (see above)")")
    failed=1
fi

echo
echo "=== summary (total $((SECONDS - T_START)) s) ==="
printf '%s\n' "${summary[@]}"
exit "$failed"
