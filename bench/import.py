"""Benchmark of `xdd import`: a 50.000-member province with five years of events.

Generates (deterministically, from --seed) a province in the interchange format as a CSV
folder: about 3.000 organizations, 50.000 members (opening balances, admissions, transfers
in), five years of member events and every activity table. Then times `xdd import` in a
child process on SQLite and, when DATABASE_URL (PostgreSQL) or --pg URL is given, on a
fresh PostgreSQL database created for the run and dropped afterwards. Reports member
rows per second, total time, CPU time and peak RSS of the importing process, and writes
its section of docs/performance.md.

    .venv/bin/python bench/import.py [--members 50000] [--seed 1] [--pg postgresql://...] [--repeat 1]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_ROWS_PER_SECOND = 10_000
TARGET_RSS_MB = 1024


def province_sizes(members: int):
    from xaydungdang.interchange import synth

    # 11 districts x ~60 grassroots organizations x ~4.5 cells: about 3.000 organizations.
    return synth.Sizes(
        uppers=11,
        grassroots=(50, 70),
        cells=(3, 6),
        members=members,
        max_events=3,
        records=2000,
        awkward_text=0.01,
        move_share=0.05,
        dissolve_share=0.03,
        start=synth.D(2019, 1, 1),
        end=synth.D(2023, 12, 31),
    )


def generate(folder: Path, members: int, seed: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    import django

    django.setup()
    from xaydungdang.interchange import synth

    tables = synth.dataset(synth.RandomChooser(seed), province_sizes(members))
    if folder.exists():
        shutil.rmtree(folder)
    synth.write_csv(folder, tables)
    return {name: len(rows) for name, rows in tables.items()}


def measure(args: list[str], env: dict) -> dict:
    """Run `python -m xaydungdang.cli ARGS` and measure that one child with os.wait4: wall
    time, CPU time and peak resident memory of exactly that process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "xaydungdang.cli", *args], cwd=ROOT, env=env, stdout=out, stderr=err
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "code": child.returncode,
            "out": out.read().decode(),
            "err": err.read().decode(),
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024,
        }


STAGES = {"đọc tệp": "read", "đọc ô": "parse", "kiểm tra": "check", "ghi": "write", "hoàn tất": "commit"}


def stage_seconds(out: str) -> dict:
    """'Thời gian: đọc tệp 0,57 giây, đọc ô 1,40 giây, ...' (printed with -v 2)."""
    line = next((text for text in out.splitlines() if text.startswith("Thời gian:")), "")
    found = {}
    for label, seconds in re.findall(r"([^,:]+?) (\d+,\d+) giây", line.removeprefix("Thời gian:")):
        key = STAGES.get(label.strip())
        if key:
            found[key] = float(seconds.replace(",", "."))
    return found


def inner_seconds(out: str) -> float | None:
    """The import's own time as the command prints it: 'Đã nhập ... (12,3 giây).'"""
    match = re.search(r"\((\d+(?:,\d+)?) giây\)", out)
    return float(match.group(1).replace(",", ".")) if match else None


def bench_database(label: str, url: str, data: Path, members: int, repeat: int, workdir: Path) -> dict:
    env = dict(os.environ, DATABASE_URL=url, XDD_DATA_DIR=str(workdir / "data"), PYTHONUNBUFFERED="1")
    env.pop("XDD_AUDIT_UNLOCKED", None)
    best = None
    for attempt in range(repeat):
        reset(url, workdir)
        migrate = subprocess.run(
            [sys.executable, "-m", "xaydungdang.cli", "migrate"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if migrate.returncode != 0:
            raise SystemExit(f"{label}: migrate failed: {migrate.stderr[-2000:]}")
        load = os.getloadavg()[0]
        result = measure(["import", str(data), "-v", "2"], env)
        if result["code"] != 0:
            raise SystemExit(f"{label}: import failed ({result['code']}):\n{result['err'][-3000:]}")
        result["load"] = load
        result["inner"] = inner_seconds(result["out"])
        result["stages"] = stage_seconds(result["out"])
        print(
            f"  {label} run {attempt + 1}: {result['wall']:.1f} s wall (import itself {result['inner']} s), "
            f"{result['cpu']:.1f} s CPU, peak RSS {result['rss_mb']:.0f} MB, load average {load:.1f}",
            flush=True,
        )
        if best is None or result["wall"] < best["wall"]:
            best = result
    dry = measure(["import", str(data), "--dry-run"], env)
    best["dry_wall"] = dry["wall"]
    export = measure(["export", str(workdir / "export")], env)
    best["export_wall"] = export["wall"]
    best["rate"] = members / best["wall"]
    best["inner_rate"] = members / best["inner"] if best["inner"] else None
    return best


def reset(url: str, workdir: Path) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def uname() -> str:
    return " ".join(os.uname())


def markdown(counts: dict, results: dict, members: int, seed: int, generated_in: float) -> str:
    from perfdoc import machine

    lines = [
        "## Import (`bench/import.py`)",
        "",
        f"Machine: {machine()}.  ",
        f"`uname -a`: `{uname()}`",
        "",
        f"Dataset (seed {seed}, generated in {generated_in:.0f} s, CSV folder): "
        f"{counts['organizations']:,} organizations, {counts['members']:,} members, "
        f"{counts['member_events']:,} member events over five years (2019–2023), "
        f"{sum(v for k, v in counts.items() if k not in ('organizations', 'members', 'member_events')):,} "
        "rows in the other tables.",
        "",
        "| database | `xdd import` wall | import itself | member rows/s (wall) | CPU (client) | peak RSS | "
        "`--dry-run` | `xdd export` | load avg |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, r in results.items():
        inner = f"{r['inner']:.1f} s" if r["inner"] else "–"
        lines.append(
            f"| {label} | {r['wall']:.1f} s | {inner} | {r['rate']:,.0f} | {r['cpu']:.1f} s | "
            f"{r['rss_mb']:.0f} MB | {r['dry_wall']:.1f} s | {r['export_wall']:.1f} s | {r['load']:.1f} |"
        )
    lines += [
        "",
        "Stages of the fastest run (seconds): "
        + "; ".join(
            f"{label}: " + ", ".join(f"{k} {v:.2f}" for k, v in r.get("stages", {}).items())
            for label, r in results.items()
        )
        + ". The rest of the wall time is starting Python and Django "
        "(about 0.6 s) and the process's own exit.",
    ]
    lines += [
        "",
        f"Target: ≥ {TARGET_ROWS_PER_SECOND:,} member rows per second with full validation, peak memory < 1 GB.",
    ]
    for label, r in results.items():
        verdict = "met" if r["rate"] >= TARGET_ROWS_PER_SECOND else "missed"
        memory = "met" if r["rss_mb"] < TARGET_RSS_MB else "missed"
        lines.append(
            f"- {label}: rate {verdict} ({r['rate']:,.0f} rows/s on the wall clock of the whole command, "
            f"Django start-up included); memory {memory} ({r['rss_mb']:.0f} MB)."
        )
    lines += ["", WHY]
    return "\n".join(lines)


WHY = """Where the time goes and what was done: the profile of a 50.000-member import is flat — about
a fifth each for reading and parsing cells, the rule checks (personal data, the replay of
every history through `members.lifecycle`, the record rules), building the rows, and the
database inserts plus index builds. Measures taken: fast paths in the cell parsers, memoized
foldings, plain strings instead of enum members in hot loops, precomputed choice sets in
`members.rules` (TextChoices.values rebuilt a list per call: 4–11 s), the cyclic garbage
collector paused during the import (a third of the checking time), no Django system checks
for the data commands (0.4 s), and the bulk-load mode (indexes, and on PostgreSQL foreign keys,
set aside for a first load: the SQLite write went from about 12 s to 3 s, the PostgreSQL one from
about 10 s to 3 s). What is left is CPython doing the work the rules require for about 400.000
rows on 2 cores shared with other jobs (the load average column); the remaining gap to 10.000
rows/s would need parallel parsing across processes or moving the per-row checks out of Python."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (a database xdd_bench_import is created)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="runs per database; the fastest is reported")
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    args = parser.parse_args()

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="xdd-bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / "dataset"
    started = time.perf_counter()
    counts = generate(data, args.members, args.seed)
    generated_in = time.perf_counter() - started
    print(f"dataset: {counts} in {generated_in:.1f} s at {data}", flush=True)

    results = {}
    if not args.no_sqlite:
        results["SQLite"] = bench_database(
            "SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", data, args.members, args.repeat, workdir
        )
    pg = args.pg or (
        os.environ.get("DATABASE_URL") if os.environ.get("DATABASE_URL", "").startswith("postgres") else None
    )
    if pg:
        url = pg.rsplit("/", 1)[0] + "/xdd_bench_import"
        try:
            results["PostgreSQL"] = bench_database("PostgreSQL", url, data, args.members, args.repeat, workdir)
        finally:
            drop(url)
    for label, r in results.items():
        print(f"{label}: {r['rate']:.0f} member rows/s, {r['wall']:.1f} s wall, peak RSS {r['rss_mb']:.0f} MB")
    if not args.no_doc and results:
        from perfdoc import update_section

        update_section("import", markdown(counts, results, args.members, args.seed, generated_in))
        print("docs/performance.md updated")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
