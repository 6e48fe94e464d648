#!/usr/bin/env bash
# PostgreSQL for the test suite.
#
# Sourced by scripts/test.sh:
#   pg_choose_url        sets PG_URL: $DATABASE_URL if set; else a throwaway cluster when PostgreSQL's
#                        binaries are here (fsync off: a transactional test's flush takes 0.3 s instead
#                        of 2–3 s on a server that syncs to disk, which is most of the PostgreSQL run's
#                        extra time); else, or when that cluster cannot start, the server at
#                        127.0.0.1:5432; else a throwaway cluster after installing PostgreSQL via apt.
#                        Returns 1 with a message when nothing works.
#                        OUTSOURCER_PG=throwaway: a throwaway cluster or nothing; OUTSOURCER_PG=server:
#                        the server at 127.0.0.1:5432 first.
#   pg_tmp_start/stop    the throwaway cluster: initdb as the `postgres` user (initdb refuses root),
#                        port 54329 (or the next free one), socket in its temp dir, fsync off.
# Standalone:
#   bash scripts/pg.sh start        prints DATABASE_URL=… and PG_TMP_DIR=…
#   bash scripts/pg.sh stop DIR     stops that cluster and removes DIR

PG_TMP_PORT="${PG_TMP_PORT:-54329}"
PG_TMP_DIR="${PG_TMP_DIR:-}"
PG_TMP_BINDIR="${PG_TMP_BINDIR:-}"
PG_URL="${PG_URL:-}"

_pg_say() { echo "pg: $*" >&2; }

# Directory holding initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin, else initdb on PATH.
pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]]; then
        echo "$dir"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    return 1
}

# Run a command as the `postgres` user when we are root (initdb and postgres refuse root).
_pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# True when something accepts connections on 127.0.0.1:$1.
_pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when a PostgreSQL server accepts connections at $1:$2 (pg_isready; a TCP probe without it).
_pg_accepting() {
    local isready
    isready=$(command -v pg_isready 2>/dev/null || true)
    if [[ -z $isready ]]; then
        isready="$(pg_bindir 2>/dev/null)/pg_isready"
    fi
    if [[ -x $isready ]]; then
        "$isready" -q -h "$1" -p "$2" -t 5
    else
        (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
    fi
}

pg_tmp_start() {
    local bindir port
    bindir=$(pg_bindir) || { _pg_say "no PostgreSQL binaries (initdb, pg_ctl) found"; return 1; }
    if [[ $(id -u) -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
        _pg_say "running as root but there is no 'postgres' user to run initdb as"
        return 1
    fi
    port=$PG_TMP_PORT
    while _pg_port_busy "$port"; do
        _pg_say "port $port is taken, trying $((port + 1))"
        port=$((port + 1))
        if ((port > PG_TMP_PORT + 20)); then
            _pg_say "no free port in $PG_TMP_PORT..$((PG_TMP_PORT + 20))"
            return 1
        fi
    done
    # /tmp, not $TMPDIR: the postgres user must be able to reach it.
    PG_TMP_DIR=$(mktemp -d /tmp/outsourcer-pg.XXXXXX)
    PG_TMP_BINDIR=$bindir
    chmod 700 "$PG_TMP_DIR"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PG_TMP_DIR"; fi
    _pg_say "starting a throwaway cluster ($bindir) in $PG_TMP_DIR on 127.0.0.1:$port"
    if ! _pg_as_owner "$bindir/initdb" -D "$PG_TMP_DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
        >"$PG_TMP_DIR/initdb.log" 2>&1; then
        _pg_say "initdb failed:"
        cat "$PG_TMP_DIR/initdb.log" >&2
        return 1
    fi
    if ! _pg_as_owner "$bindir/pg_ctl" -D "$PG_TMP_DIR/data" -l "$PG_TMP_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PG_TMP_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
        _pg_say "pg_ctl start failed:"
        tail -n 30 "$PG_TMP_DIR/server.log" >&2 || true
        return 1
    fi
    _pg_as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres outsourcer
    PG_URL="postgres://postgres@127.0.0.1:$port/outsourcer"
}

pg_tmp_stop() {
    [[ -n $PG_TMP_DIR && -d $PG_TMP_DIR ]] || return 0
    local bindir=${PG_TMP_BINDIR:-$(pg_bindir)}
    if [[ -f $PG_TMP_DIR/data/postmaster.pid ]]; then
        _pg_say "stopping the throwaway cluster in $PG_TMP_DIR"
        _pg_as_owner "$bindir/pg_ctl" -D "$PG_TMP_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
            _pg_say "pg_ctl stop failed (see $PG_TMP_DIR/server.log)"
    fi
    rm -rf "$PG_TMP_DIR"
    PG_TMP_DIR=""
}

_pg_apt_install() {
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        _pg_say "cannot install PostgreSQL: not root or no apt-get"
        return 1
    fi
    _pg_say "no PostgreSQL binaries: apt-get install -y postgresql"
    if declare -F apt_get >/dev/null; then
        apt_get update && apt_get install -y postgresql
    else
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update &&
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y postgresql
    fi
}

_pg_use_server() {
    if _pg_accepting 127.0.0.1 5432; then
        PG_URL="postgres://postgres@127.0.0.1:5432/outsourcer"
        _pg_say "using the server at 127.0.0.1:5432"
        return 0
    fi
    return 1
}

pg_choose_url() {
    if [[ ${OUTSOURCER_PG:-} == throwaway ]]; then
        :
    elif [[ -n ${DATABASE_URL:-} ]]; then
        if [[ $DATABASE_URL != postgres://* && $DATABASE_URL != postgresql://* ]]; then
            _pg_say "DATABASE_URL is set but is not a postgres:// URL: $DATABASE_URL"
            return 1
        fi
        PG_URL=$DATABASE_URL
        _pg_say "using DATABASE_URL"
        return 0
    elif [[ ${OUTSOURCER_PG:-} == server ]] && _pg_use_server; then
        return 0
    elif pg_bindir >/dev/null; then
        if pg_tmp_start; then
            return 0
        fi
        pg_tmp_stop
        _pg_say "the throwaway cluster did not start; trying the server at 127.0.0.1:5432"
        _pg_use_server && return 0
    elif _pg_use_server; then
        return 0
    fi
    if ! pg_bindir >/dev/null; then
        _pg_apt_install || true
    fi
    if ! pg_bindir >/dev/null; then
        _pg_say "PostgreSQL is not reachable at 127.0.0.1:5432, DATABASE_URL is unset, and no PostgreSQL"
        _pg_say "binaries could be found or installed. Set DATABASE_URL=postgres://… or install PostgreSQL."
        return 1
    fi
    pg_tmp_start
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    case ${1:-} in
    start)
        pg_tmp_start
        echo "DATABASE_URL=$PG_URL"
        echo "PG_TMP_DIR=$PG_TMP_DIR"
        ;;
    stop)
        PG_TMP_DIR=${2:?usage: pg.sh stop DIR}
        pg_tmp_stop
        ;;
    *)
        echo "usage: $0 start | stop DIR" >&2
        exit 2
        ;;
    esac
fi
