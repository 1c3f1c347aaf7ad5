#!/usr/bin/env python
"""Benchmark of the summary report formats for the demo province (ST, year 2023).

    .venv/bin/python bench/report_formats.py [--runs N] [--no-docs]

Times `reports.service.build` (indicators with annex, previous period, series; narrative) and
each renderer (json, html, docx, xlsx, pdf), median of N runs, with the output size and the
PDF's page count. Uses $XDD_DATA_DIR (or a fresh temporary folder) and loads the demo when
it is missing. Results are printed and written to docs/performance.md.
"""

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pdf_pages(content: bytes) -> str:
    """Pages of a PDF by poppler's pdfinfo (WeasyPrint compresses its page objects)."""
    if not shutil.which("pdfinfo"):
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return found.group(1) if found else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ.setdefault("XDD_DATA_DIR", tempfile.mkdtemp(prefix="xdd-bench-formats-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    os.environ.setdefault("XDD_PASSWORD", "Bench-du-lieu-mau-2023")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.organizations.models import Organization
    from xaydungdang.reports import service

    call_command("migrate", verbosity=0, interactive=False)
    with acting_as(Actor(via="cli")):
        if not Organization.objects.filter(code="ST").exists():
            print("loading the demo province...", file=sys.stderr)
            call_command("demo", verbosity=0)

        def median(fn):
            times, result = [], None
            for _ in range(args.runs):
                began = time.perf_counter()
                result = fn()
                times.append(time.perf_counter() - began)
            return statistics.median(times), result

        start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
        build_s, report = median(lambda: service.build("ST", start, end, issued_on=dt.date(2024, 1, 15)))
        rows = [("build (indicators, annex, previous period, series, narrative)", build_s, "", "")]
        for fmt in ("json", "html", "docx", "xlsx", "pdf"):
            # Charts are drawn once per report and cached on it: time a fresh report for each format.
            def render(fmt=fmt):
                fresh = service.build("ST", start, end, issued_on=dt.date(2024, 1, 15))
                began = time.perf_counter()
                out = service.render(fresh, fmt)
                return time.perf_counter() - began, out

            results = [render() for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in results)
            content = results[-1][1].content
            pages = ""
            if fmt == "pdf":
                pages = pdf_pages(content)
            rows.append((f"render {fmt}", seconds, f"{len(content) / 1024:.0f} KiB", pages))

    def fmt_s(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s".replace(".", ",")

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = ["| step | time (median) | size | PDF pages |", "|---|---|---|---|"]
    lines += [f"| {name} | {fmt_s(seconds)} | {size} | {pages} |" for name, seconds, size, pages in rows]
    table = "\n".join(lines)
    print(table)
    print(f"database: {connection.vendor}; annex columns: {len(report.annex.columns)}; load average {load:.1f}")
    if not args.no_docs:
        sys.path.insert(0, str(ROOT / "bench"))
        from perfdoc import machine, update_section

        update_section(
            "report-formats",
            f"""## Report formats (`bench/report_formats.py`)

{machine()}; {connection.vendor}; load average {load:.1f} when measured (other work was running).
The demo province ST, annual report 2023 ({len(report.annex.columns) - 1} direct children in the annex), median of
{args.runs} runs. Rendering includes drawing the four charts.

{table}
""",
        )


if __name__ == "__main__":
    main()
