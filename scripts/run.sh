#!/usr/bin/env bash
# make run: set up .venv, migrate, load the demo data, then run the web server, the task worker and
# the periodic scheduler together until Ctrl-C (or until one of them exits), which stops all three.
# RUN_ADDR overrides the web address (default 127.0.0.1:8000; a bare port means 127.0.0.1:PORT).
# Links in e-mails use SITE_URL, which defaults to the address served here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
PY=.venv/bin/python
ADDR=${RUN_ADDR:-127.0.0.1:8000}
[[ $ADDR == *:* ]] || ADDR=127.0.0.1:$ADDR
# 0.0.0.0 listens everywhere but is no address to click: links name this machine's loopback.
link_addr=${ADDR/#0.0.0.0:/127.0.0.1:}
export SITE_URL=${SITE_URL:-http://$link_addr}
# Development settings: DEBUG is off unless asked for (config/settings.py), and off it refuses the
# development SECRET_KEY. make run is the laptop, so it asks.
export DEBUG=${DEBUG:-true}

"$PY" manage.py migrate --noinput
demo_log=$(mktemp)
trap 'rm -f "$demo_log"' EXIT
"$PY" manage.py demo | tee "$demo_log"

# Job control: each child gets its own process group, so stopping a group also stops runserver's
# autoreload child; Ctrl-C reaches this script only, and the trap stops the children in order.
set -m
pids=()
names=()

stop_all() {
    trap - INT TERM EXIT
    set +m
    local pid i
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for i in $(seq 1 100); do # up to 10 s for a clean exit
        local alive=0
        for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    rm -f "$demo_log"
    echo "stopped web, worker and scheduler"
}
trap 'echo; stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

start() { # start NAME COMMAND…
    "${@:2}" &
    pids+=($!)
    names+=("$1")
}
start web "$PY" manage.py runserver "$ADDR"
start worker "$PY" manage.py db_worker
start scheduler "$PY" manage.py scheduler

sleep 2
cat <<MSG

==============================================================================
 Outsourcer is running at http://$ADDR/
 web (runserver), worker (db_worker) and scheduler are up. Ctrl-C stops all three.
 Demo logins (from manage.py demo):
MSG
sed 's/^/   /' "$demo_log"
echo "=============================================================================="

# Wait until any child exits, then stop the others.
rc=0
wait -n "${pids[@]}" || rc=$?
for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then echo "${names[$i]} exited (status $rc); stopping the rest" >&2; fi
done
exit "$rc"
