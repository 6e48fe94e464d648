"""Summarise `mutmut results --all true` per module: killed / total and the survivors' names.

Timeouts count as killed (the mutant hung the tests, so they noticed it); "no tests" counts as
alive: nothing in the selected tests runs that code.
"""

import subprocess
import sys
from collections import Counter, defaultdict

KILLED = {"killed", "timeout"}


def main() -> int:
    out = subprocess.run([".venv/bin/mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True)
    counts: dict[str, Counter] = defaultdict(Counter)
    alive: dict[str, list[str]] = defaultdict(list)
    for line in out.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        module = name.split(".x", 1)[0] if ".x" in name else name.rsplit(".", 1)[0]
        counts[module][status] += 1
        if status not in KILLED:
            alive[module].append(f"{name} ({status})")
    total_killed = total = 0
    for module in sorted(counts):
        killed = sum(counts[module][s] for s in KILLED)
        n = sum(counts[module].values())
        total_killed, total = total_killed + killed, total + n
        print(f"{module:40} {killed:4} / {n:4} killed  {dict(counts[module])}")
    print(f"{'all':40} {total_killed:4} / {total:4} killed ({100 * total_killed // max(total, 1)} %)")
    if "-v" in sys.argv:
        for module in sorted(alive):
            print("\n".join(alive[module]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
