"""Write one benchmark's section of docs/performance.md, leaving the other sections alone.

Each bench owns the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`.
"""

import datetime as dt
import os
import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
HEADER = """# Performance

Figures measured by the scripts in `bench/`; each script rewrites its own section below.
Targets come from the issues; a miss is stated with its reason.
"""


def machine() -> str:
    try:
        mem_kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        mem = "RAM ?"
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {os.cpu_count()} cores"
        f"{' (' + cpu + ')' if cpu else ''}, {mem}; measured {dt.date.today():%d/%m/%Y}"
    )


def update_section(name: str, markdown: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    text = DOC.read_text() if DOC.exists() else HEADER
    block = f"<!-- bench:{name} -->\n{markdown.strip()}\n<!-- /bench:{name} -->"
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text)
