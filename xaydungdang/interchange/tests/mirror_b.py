"""Run in a process of its own against database B (DATABASE_URL) by test_mirror: migrate, apply saved
pages of A's change feed through interchange.mirror.pull, print the figures as JSON.

    python -m xaydungdang.interchange.tests.mirror_b PAGES.json FIGURES.json
"""

import json
import os
import sys


def figures(specs: dict) -> dict:
    """The JSON that `xdd report --format json` and `xdd forms` print, for each org and period of `specs`."""
    import io
    import tempfile
    from pathlib import Path

    from django.core.management import call_command

    out = {}
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.json"
        for org, start, end in specs["reports"]:
            call_command(
                "report",
                org=org,
                start=start,
                end=end,
                fmt="json",
                output=str(target),
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
            out[f"report {org} {start} {end}"] = json.loads(target.read_text(encoding="utf-8"))
        for org, period in specs["forms"]:
            call_command(
                "forms",
                org=org,
                period=period,
                fmt="json",
                output=str(target),
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
            out[f"forms {org} {period}"] = json.loads(target.read_text(encoding="utf-8"))
    return out


def main(pages_path: str, specs_path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.interchange import mirror

    call_command("migrate", verbosity=0, interactive=False)
    pages = json.loads(open(pages_path, encoding="utf-8").read())
    by_since = {page["since"]: page for page in pages}

    def read(since, limit):
        return by_since[since or ""]

    state = mirror.pull("http://a.test/api/v1/changes/", read)
    with acting_as(Actor(via="test")):
        result = {
            "cursor": state.cursor,
            "applied": state.applied,
            "figures": figures(json.loads(open(specs_path).read())),
        }
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:3])
