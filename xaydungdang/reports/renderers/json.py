"""JSON: the indicators.md document from the engine's spec_json, plus the report's extras
(kind, previous period, annex, series, limitations) as additional top-level keys."""

import json as jsonlib


def document(report) -> dict:
    from xaydungdang.indicators.engine import spec_json

    spec = spec_json(report.data)
    if isinstance(spec, (str, bytes)):
        spec = jsonlib.loads(spec)
    result = dict(spec)
    result.setdefault("kind", report.kind)
    for key in ("previous", "annex", "series", "limitations", "succession", "requested_period"):
        if key in report.data and key not in result:
            result[key] = report.data[key]
    return result


def render(report) -> bytes:
    return (jsonlib.dumps(document(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
