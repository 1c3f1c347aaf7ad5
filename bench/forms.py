#!/usr/bin/env python
"""Benchmark of the statistical forms (issue 11: all six forms for the demo province and one year,
both columns, under 2 s on SQLite and PostgreSQL; for the national dataset under 15 s).

    XDD_DATA_DIR=DIR .venv/bin/python bench/forms.py [--pg URL] [--org ST] [--period 2023] [--runs 5] [--no-docs]
    .venv/bin/python bench/forms.py --pg URL --national [--reuse-national] [--runs 3]

The SQLite database is the one of XDD_DATA_DIR (load it first with `xdd demo`); with --pg the
same is measured on a PostgreSQL database that already holds the demo (`DATABASE_URL=... xdd demo`).
With --national (PostgreSQL only) the forms of the top organization TW for 2024 are measured on
the national dataset of bench/national.py (5,6 million members, 60.000 organizations), built
into the database `xdd_bench_national` on the server of --pg (kept and reused with
--reuse-national, then measured as it is: not migrated again). Each database is measured in a
child process; medians are printed and written to the `forms` section of docs/performance.md with
the machine, date and load.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _has_dataset(Organization, code: str) -> bool:
    from django.db.utils import DatabaseError

    try:
        return Organization.objects.filter(code=code).exists()
    except DatabaseError:  # an empty database: no tables yet
        return False


def child(org: str, period: str, runs: int, national: bool = False, reuse: bool = False) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    import django

    django.setup()
    from django.db import connection

    from xaydungdang.indicators import statforms
    from xaydungdang.organizations.tree import load_tree

    setup = {}
    if national:
        from django.core.management import call_command

        from xaydungdang.organizations.models import Organization

        # A kept dataset is measured as it is: migrating it here would run other apps' data
        # migrations over 6 million rows (hours); without --reuse-national it is rebuilt, migrated.
        if not (reuse and _has_dataset(Organization, org)):
            call_command("migrate", verbosity=0, interactive=False)
        if not Organization.objects.filter(code=org).exists():
            sys.path.insert(0, str(ROOT / "bench"))
            import national as dataset

            began = time.perf_counter()
            setup["sizes"] = dataset.generate(echo=lambda line: print(line, file=sys.stderr))
            setup["load_s"] = round(time.perf_counter() - began, 1)
    load_tree()  # the tree is cached between requests in the server: measured warm, as the report bench does
    timings = {"all": []}
    forms = None
    for _ in range(runs):
        started = time.perf_counter()
        forms = statforms.compute_forms(org, period)
        timings["all"].append(time.perf_counter() - started)
    for number in ("1", "2", "3", "4", "5", "7"):
        timings[number] = []
        for _ in range(1 if national else runs):  # one run per form nationally (each takes seconds)
            started = time.perf_counter()
            statforms.compute_forms(org, period, [number])
            timings[number].append(time.perf_counter() - started)
    first = {row["code"]: row["values"] for row in forms[0]["rows"]}
    return {
        "vendor": connection.vendor,
        "scale": "national" if national else "province",
        "org": org,
        "period": period,
        "runs": runs,
        "best": min(timings["all"]),
        **setup,
        "medians": {k: statistics.median(v) for k, v in timings.items()},
        "members": first["D"]["current"],
        "admissions": first["B1"]["current"],
    }


def vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def measure(env: dict, args, national: bool = False) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--org",
        args.org,
        "--period",
        args.period,
        "--runs",
        str(args.runs),
    ]
    if national:
        command = [sys.executable, __file__, "--child", "--national", "--org", "TW", "--period", "2024"]
        command += ["--runs", str(args.national_runs)] + (["--reuse-national"] if args.reuse_national else [])
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"benchmark child failed ({'national' if national else 'province'})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def national_database(url: str, reuse: bool) -> str:
    """The URL of `xdd_bench_national` on the server of `url` (created empty unless reused)."""
    import psycopg

    name = "xdd_bench_national"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reuse:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or not reuse:
            conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="PostgreSQL URL of a database holding the demo")
    parser.add_argument("--org", default="ST")
    parser.add_argument("--period", default="2023")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--national", action="store_true", help="also the national dataset (needs --pg)")
    parser.add_argument("--reuse-national", action="store_true", help="keep an existing national database")
    parser.add_argument("--national-only", action="store_true", help="measure the national dataset only")
    parser.add_argument("--national-runs", type=int, default=3)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.org, args.period, args.runs, national=args.national, reuse=args.reuse_national)))
        return
    if (args.national or args.national_only) and not args.pg:
        parser.error("--national needs --pg (the national dataset is PostgreSQL only)")
    results = []
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if not args.national_only:
        results.append(measure(env, args))
        if args.pg:
            results.append(measure(env | {"DATABASE_URL": args.pg}, args))
    if args.national or args.national_only:
        url = national_database(args.pg, args.reuse_national)
        results.append(measure(env | {"DATABASE_URL": url}, args, national=True))
    load = os.getloadavg()[0]
    lines = [
        "| scale | database | all six forms, both columns (median) | best | Biểu 1 | Biểu 2 | Biểu 3 | Biểu 4 "
        "| Biểu 5 | Biểu 7 | target |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r["medians"]
        target = 15.0 if r["scale"] == "national" else 2.0
        cells = " | ".join(seconds(m[n]) for n in ("1", "2", "3", "4", "5", "7"))
        met = "✓" if m["all"] < target else "✗ missed"
        lines.append(
            f"| {r['scale']} ({r['org']}, {r['period']}, {vn(r['members'])} members) | {r['vendor']} "
            f"| {seconds(m['all'])} | {seconds(r['best'])} | {cells} | < {target:g} s {met} |"
        )
        print(f"{r['vendor']}: {json.dumps(r, ensure_ascii=False)}")
    print("\n".join(lines))
    if args.no_docs:
        return
    from bench.perfdoc import machine, update_section

    update_section(
        "forms",
        f"""## Statistical forms (`bench/forms.py`)

{machine()}; load average {load:.1f} when measured (other work was running on the 2 cores).
`statforms.compute_forms` with both columns (the period and the same period a year earlier), all six
forms, organization tree already loaded; median of {args.runs} runs for the demo province, of
{args.national_runs} nationally (the per-form columns are one run each there). The national dataset is
bench/national.py's (PostgreSQL only; `--national --reuse-national`). Targets: demo province under 2 s
on SQLite and PostgreSQL, national under 15 s.

"""
        + "\n".join(lines)
        + """

How the forms are counted (statforms.StockScan, CellCounts, Computation._form2_counted): the members in
the list at both period ends are read in ONE scan of the member spans, which carry a copy of the member
values the forms read (members.models.SPAN_COPIED; no join to the members table), grouped by plain
columns only (GROUPING SETS on PostgreSQL; on SQLite a materialised CTE and one GROUP BY per set): each
day's membership and Đoàn membership are sums, not grouping columns, and ages and party-age bands are
sets of their own; members with dated changes (member_changes) are corrected from their stored values to
those of the day, summed per distinct pair of values; Form 1 A and D and Form 5's members column come
from one count per cell, rolled up through the tree in memory. Form 2 groups the admitted members' spans
that start on the admission day in SQL by the values they read at that day; the members with a dated
change on or before that day, admitted twice in the period, or without such a span are read one by one.
Flows (Forms 1, 2, 7) read the period's events of the types the forms use once. On PostgreSQL, for units
of 500 cells or more, the three scans run on connections of their own that import the computation's
snapshot (indicators.engine.beside) while Forms 2, 7, 1 and 5 are computed. The drill-down (`behind`)
keeps the member-by-member path, and tests (indicators/tests/test_statforms_counting.py,
test_statforms_sql_paths.py, test_statforms_beside.py) prove the paths give the same figures.
""",
    )


def seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


if __name__ == "__main__":
    main()
