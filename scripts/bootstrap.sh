#!/usr/bin/env bash
# Find a Python >= 3.12, create .venv with it, install requirements/dev.txt with uv.
# The install runs again only when the requirements (or the interpreter) change: a stamp in .venv.
#   bash scripts/bootstrap.sh                 set up .venv
#   bash scripts/bootstrap.sh --find-python   only print the interpreter that would be used
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV=.venv
STAMP="$VENV/.requirements.sha256"

# True when "$1" runs and is Python >= 3.12 (pyenv shims exist but fail when their version isn't selected).
python_ok() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

# Print the real path of the first usable interpreter; return 1 when there is none.
find_python() {
    local candidate
    local -a candidates=()
    for candidate in python3.13 python3.12 python3; do
        if command -v "$candidate" >/dev/null 2>&1; then candidates+=("$(command -v "$candidate")"); fi
    done
    # pyenv installs, newest first
    while IFS= read -r candidate; do
        [[ -n $candidate ]] && candidates+=("$candidate")
    done < <(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
    for candidate in "${candidates[@]}"; do
        if python_ok "$candidate"; then
            # resolve shims and symlinks to the interpreter itself
            "$candidate" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    return 1
}

no_python() {
    cat >&2 <<'MSG'
ERROR: no Python >= 3.12 found (tried python3.13, python3.12, python3 and ~/.pyenv/versions/3.1[2-9]*).
Django 6 needs Python 3.12 or newer. Install one, then run make again:
  - Debian 13 / Ubuntu 24.04:  apt-get install -y python3 python3-venv
  - Debian 12 with pyenv:      pyenv install 3.13   (or put 3.12+ on PATH as python3.13 / python3.12)
  - macOS (Homebrew):          brew install python@3.13
MSG
    exit 1
}

if [[ ${1:-} == --find-python ]]; then
    find_python || no_python
    exit 0
fi

# 1. The virtualenv: keep it when its interpreter works and is new enough, else (re)create it.
if [[ -x $VENV/bin/python ]] && python_ok "$VENV/bin/python"; then
    :
else
    PYTHON=$(find_python) || no_python
    if [[ -e $VENV ]]; then
        echo "bootstrap: $VENV/bin/python is missing, broken or older than 3.12: recreating $VENV"
        rm -rf "$VENV"
    fi
    echo "bootstrap: creating $VENV with $PYTHON ($("$PYTHON" -c 'import platform; print(platform.python_version())'))"
    if ! "$PYTHON" -m venv "$VENV"; then
        rm -rf "$VENV"
        echo "ERROR: '$PYTHON -m venv' failed. On Debian/Ubuntu install the venv module:" \
            "apt-get install -y python3-venv (or python3.X-venv for your version)." >&2
        exit 1
    fi
fi

# 2. uv, the fast installer, inside the venv.
if [[ ! -x $VENV/bin/uv ]]; then
    echo "bootstrap: installing uv into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check uv
fi

# 3. The requirements, only when they changed since the last install (or this recipe did: the
#    "bytecode" token). Installed packages are compiled to bytecode once here: a shell with
#    PYTHONDONTWRITEBYTECODE set (CI has it) would otherwise compile Django & co. from source in
#    every process — each pytest worker and every subprocess a test starts.
want=$(cat requirements/base.txt requirements/dev.txt <("$VENV/bin/python" -VV) <(echo bytecode) | sha256sum | cut -d' ' -f1)
if [[ ! -f $STAMP || $(cat "$STAMP") != "$want" ]]; then
    echo "bootstrap: installing requirements/dev.txt"
    "$VENV/bin/uv" pip install --quiet --compile-bytecode -p "$VENV/bin/python" -r requirements/dev.txt
    # uv compiles only what it installs; packages already there from an earlier run are compiled here.
    "$VENV/bin/python" -m compileall -q -j 0 "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null || true
    echo "$want" >"$STAMP"
fi
