"""Shared helpers for the interchange tests: the sample dataset, editing its CSV files,
and counting every table to prove a failed import wrote nothing."""

import csv
import shutil
from pathlib import Path

from django.apps import apps

SAMPLE = Path(__file__).parent / "data" / "tinh_mau"


def copy_sample(tmp_path: Path, name: str = "ds") -> Path:
    target = tmp_path / name
    shutil.copytree(SAMPLE, target)
    return target


def read_table(folder: Path, table: str) -> list[list[str]]:
    with open(folder / f"{table}.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_table(folder: Path, table: str, rows: list[list[str]], encoding: str = "utf-8") -> None:
    with open(folder / f"{table}.csv", "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(folder: Path, table: str, row: int, header: str, value: str) -> None:
    """Change one cell; `row` is the spreadsheet row number (header = 1)."""
    rows = read_table(folder, table)
    rows[row - 1][rows[0].index(header)] = value
    write_table(folder, table, rows)


def add_row(folder: Path, table: str, values: dict) -> int:
    """Append a row given as {header: value}; returns its spreadsheet row number."""
    rows = read_table(folder, table)
    rows.append([values.get(h, "") for h in rows[0]])
    write_table(folder, table, rows)
    return len(rows)


def table_counts() -> dict:
    """Row count of every table of every installed app."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def messages(report) -> list[str]:
    return [str(e) for e in report.errors]
