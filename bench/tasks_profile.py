"""The task bench's requests in process (bench/tasks.py's entries), for finding where their time goes:
CPU per request (`time.process_time`) and queries, through Django's test client with the production
settings (DEBUG off, the cached template loader) against one of bench/tasks.py's databases.

    python bench/tasks_profile.py [NAME,NAME] [--profile] [--runs N]

BENCH_PG_DATABASE picks the databases as for bench/tasks.py (NAME_tasks_20000 is read, or
NAME_tasks_2000 with BENCH_TASK_SIZE=2000); run bench/tasks.py once first (data, static files). A create
runs inside a transaction that is rolled back, so the data set does not grow. `--profile` prints
cProfile's top functions (CPU time; SORT, TOP), `--tree` pyinstrument's call tree, `--sql` the queries.
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    args = sys.argv[1:]
    profile = "--profile" in args
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 100
    names = [a for a in args if not a.startswith("--") and not a.isdigit()]
    from bench import run, serve

    database = run.pg_url(f"{run.PG_DATABASES['full']}_tasks_{os.environ.get('BENCH_TASK_SIZE', '20000')}")
    static_root = ROOT / "bench" / "results" / "loadtest.tmp" / "static-current"  # bench/tasks.py collects it
    env = serve.production_env(database_url=database, static_root=static_root, secret_key=serve.new_secret_key())
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import tasks, tasks_data

    login = tasks_data.login()
    requests = tasks.requests_for(login)
    for name in names[0].split(",") if names else list(requests):
        method, path, headers, body, status = requests[name]
        client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
        extra = {"headers": {k: v for k, v in headers.items() if k != "Cookie"}}
        if "Cookie" in headers:
            key, value = headers["Cookie"].split("=", 1)
            client.cookies[key] = value

        def once(client=client, method=method, path=path, extra=extra, body=body, status=status, name=name):
            if method == "GET":
                response = client.get(path, **extra)
            else:
                with transaction.atomic():
                    response = client.post(path, data=body, content_type="application/json", **extra)
                    transaction.set_rollback(True)
            if response.status_code != status:
                raise SystemExit(f"{name}: {response.status_code} {response.content[:300]}")

        for _ in range(5):
            once()
        with CaptureQueriesContext(connection) as captured:
            once()
        queries = list(captured.captured_queries)  # the next request resets the log
        cpu = []
        profiler = cProfile.Profile(time.process_time) if profile else None
        if "--tree" in args:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
        for _ in range(runs):
            t0 = time.process_time()
            if profiler:
                profiler.start() if "--tree" in args else profiler.enable()
            once()
            if profiler:
                profiler.stop() if "--tree" in args else profiler.disable()
            cpu.append((time.process_time() - t0) * 1000)
        print(
            f"{name}: CPU p50 {statistics.median(cpu):.2f} ms, mean {statistics.mean(cpu):.2f} ms, "
            f"{len(queries)} queries"
        )
        if "--tree" in args:
            print(profiler.output_text(show_all=False, short_mode=False, unicode=False, color=False))
        elif profiler:
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("TOP", "45")))
        if "--sql" in args:
            for q in queries:
                print("  ", q["sql"][:400])


if __name__ == "__main__":
    main()
