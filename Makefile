# Outsourcer developer tasks. Every target sets up .venv by itself (scripts/bootstrap.sh finds a
# Python >= 3.12 and installs requirements/dev.txt with uv, again only when the requirements change).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: help venv run test test-dates lint fmt bench bench-tasks growth floor plans loadtest mutation clean distclean

help:
	@echo "make run        migrate, load demo data, run web (127.0.0.1:8000) + db_worker + scheduler; Ctrl-C stops all"
	@echo "make test       make lint, then the whole pytest suite on SQLite and on PostgreSQL (installs Chromium if missing)"
	@echo "                  make test PYTEST_ARGS='-k login'   OUTSOURCER_TEST_WORKERS=0 for no xdist"
	@echo "make test-dates the SQLite suite at year end, a leap day, clock changes, … (docs/testing.md)"
	@echo "make lint       ruff check + ruff format --check + lint-imports + scripts/check_architecture.py"
	@echo "make fmt        ruff check --fix + ruff format"
	@echo "make bench      bench/run.py (then bench/growth.py when PostgreSQL runs at full scale), bench/plans.py"
	@echo "make bench-tasks  bench/tasks.py alone: task pages + owner_home at 2,000 and 20,000 tasks (gunicorn, PostgreSQL)"
	@echo "make growth     bench/growth.py: each page's p50 at 1,000,000 rows vs 50,000 (gunicorn, PostgreSQL, ~4 min)"
	@echo "                  GROWTH_DRY_RUN=1 make growth  50,000 rows against themselves, a quick check that it runs"
	@echo "make floor      bench/floor.py alone: request_floor on the small data set (FLOOR_AGAINST=ref: interleaved with ref's files)"
	@echo "make plans      bench/plans.py: EXPLAIN of every list page and API list, flags what grows with the table"
	@echo "make loadtest   bench/loadtest.py: gunicorn + PostgreSQL, mixed load at 8/16/32 users, this tree vs the previous main"
	@echo "                  LOADTEST_SCALE=small make loadtest  for a quick run (docs/performance.md)"
	@echo "make mutation   mutmut over outsourcer/lib/ and budgets/periods.py, then the score per module (not in make test)"
	@echo "make clean      caches, collected static files, test artefacts (keeps .venv and the database)"
	@echo "make distclean  clean + .venv, the SQLite database and media/"

venv:
	@bash scripts/bootstrap.sh

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh $(PYTEST_ARGS)

test-dates:
	@bash scripts/test-dates.sh $(PYTEST_ARGS)

# The import contracts of docs/architecture.md: lint-imports (pyproject.toml [tool.importlinter])
# and what it cannot check (private names across apps, every module a core or a face).
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_architecture.py

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: venv
	$(PY) bench/run.py
	@# The plans need PostgreSQL: skipped when the bench runs on SQLite alone.
	if [ "$${BENCH_DB:-both}" != sqlite ]; then BENCH_SCALE=$${BENCH_SCALE:-full} $(PY) bench/plans.py; fi

bench-tasks: venv
	$(PY) bench/tasks.py

growth: venv
	$(PY) bench/growth.py

floor: venv
	$(PY) -m bench.floor $(if $(FLOOR_AGAINST),--against $(FLOOR_AGAINST))

plans: venv
	$(PY) bench/plans.py

loadtest: venv
	$(PY) bench/loadtest.py

# A fresh mutants/ each time: mutmut reuses results of an earlier run for unchanged code, and a
# stale copy of the project beside the mutants would test old code. See docs/testing.md.
mutation: venv
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 2
	$(PY) scripts/mutation_score.py -v

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -print0 | xargs -0 rm -rf
	rm -rf .pytest_cache .ruff_cache .import_linter_cache .hypothesis .schemathesis test-results staticfiles mutants
	rm -f bench/results/*.tmp

distclean: clean
	rm -rf $(VENV) media outsourcer.sqlite3 outsourcer.sqlite3-*
