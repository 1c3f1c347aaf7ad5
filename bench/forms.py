#!/usr/bin/env python
"""Benchmark of the statistical forms (issue 11: all six forms for the demo province and one year,
both columns, under 2 s on SQLite and PostgreSQL).

    XDD_DATA_DIR=DIR .venv/bin/python bench/forms.py [--pg URL] [--org ST] [--period 2023] [--runs 5] [--no-docs]

The SQLite database is the one of XDD_DATA_DIR (load it first with `xdd demo`); with --pg the
same is measured on a PostgreSQL database that already holds the demo (`DATABASE_URL=... xdd demo`).
Each database is measured in a child process; medians are printed and written to the
`forms` section of docs/performance.md with the machine, date and load.
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


def child(org: str, period: str, runs: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    import django

    django.setup()
    from django.db import connection

    from xaydungdang.indicators import statforms
    from xaydungdang.organizations.tree import load_tree

    load_tree()  # the tree is cached between requests in the server: measured warm, as the report bench does
    timings = {"all": []}
    forms = None
    for _ in range(runs):
        started = time.perf_counter()
        forms = statforms.compute_forms(org, period)
        timings["all"].append(time.perf_counter() - started)
    for number in ("1", "2", "3", "4", "5", "7"):
        timings[number] = []
        for _ in range(runs):
            started = time.perf_counter()
            statforms.compute_forms(org, period, [number])
            timings[number].append(time.perf_counter() - started)
    first = {row["code"]: row["values"] for row in forms[0]["rows"]}
    return {
        "vendor": connection.vendor,
        "medians": {k: statistics.median(v) for k, v in timings.items()},
        "members": first["D"]["current"],
        "admissions": first["B1"]["current"],
    }


def vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def measure(env: dict, args) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--org", args.org, "--period", args.period, "--runs", str(args.runs)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="PostgreSQL URL of a database holding the demo")
    parser.add_argument("--org", default="ST")
    parser.add_argument("--period", default="2023")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.org, args.period, args.runs)))
        return
    results = []
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results.append(measure(env, args))
    if args.pg:
        results.append(measure(env | {"DATABASE_URL": args.pg}, args))
    load = os.getloadavg()[0]
    lines = [
        "| database | all six forms, both columns | Biểu 1 | Biểu 2 | Biểu 3 | Biểu 4 | Biểu 5 | Biểu 7 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r["medians"]
        cells = " | ".join(f"{m[n]:.2f} s".replace(".", ",") for n in ("all", "1", "2", "3", "4", "5", "7"))
        lines.append(f"| {r['vendor']} | {cells} |")
        print(f"{r['vendor']}: {json.dumps(r, ensure_ascii=False)}")
    if args.no_docs:
        return
    from bench.perfdoc import machine, update_section

    first = results[0]
    update_section(
        "forms",
        f"""## Statistical forms (`bench/forms.py`)

{machine()}; load average {load:.1f} when measured (other work was running on the 2 cores).
The demo province {args.org}, period {args.period} ({vn(first["members"])} members at the end,
{vn(first["admissions"])} admissions), `statforms.compute_forms` with both columns (the period and
the same period a year earlier), median of {args.runs} runs, organization tree already loaded.
Target: all six forms under 2 s.

"""
        + "\n".join(lines),
    )


if __name__ == "__main__":
    main()
