"""Reports across a dissolution or a merger name both sides (issue 15).

A report of an organization dissolved before today (or before the period's end) says what it
became: "Đảng bộ tỉnh Sóc Trăng (đến 30/6/2025), nay thuộc Đảng bộ thành phố Cần Thơ". A report of
an organization that took over others during the period says which and from when. The same
sentences go at the head of the narrative (every format: HTML, DOCX, PDF) and, as data, under the
new top-level JSON key "succession" (the keys of spec/indicators.md are unchanged).
"""

import datetime as dt

from xaydungdang.core.dates import today


def short_date(day: dt.date) -> str:
    """30/6/2025: the way a decision writes a date in running text."""
    return f"{day.day}/{day.month}/{day.year}"


def succession(org_id: int, start: dt.date, end: dt.date, tree=None) -> dict | None:
    """{"dissolved": {...} | None, "absorbed": [...], "text": [sentences]} or None when the report
    crosses no dissolution or merger of this organization."""
    from xaydungdang.organizations.tree import load_tree

    tree = tree or load_tree()
    info = tree.orgs[org_id]
    dissolved = None
    sentences = []
    if info.dissolved_on is not None and info.dissolved_on <= max(today(), end):
        last_day = info.dissolved_on - dt.timedelta(days=1)
        fate = tree.fate(org_id)
        successor = tree.orgs[fate[1]] if fate and fate[1] is not None else None
        dissolved = {
            "code": info.code,
            "name": info.name,
            "dissolved_on": info.dissolved_on.isoformat(),
            "last_day": last_day.isoformat(),
            "successor": {"code": successor.code, "name": successor.name} if successor else None,
        }
        if successor is not None:
            sentences.append(f"{info.name} (đến {short_date(last_day)}), nay thuộc {successor.name}.")
        else:
            sentences.append(f"{info.name} (đến {short_date(last_day)}), nay đã giải thể.")
    absorbed = []
    for other_id in tree.absorbed(org_id):
        other = tree.orgs[other_id]
        if other.dissolved_on is None or not start <= other.dissolved_on <= end:
            continue
        absorbed.append(
            {
                "code": other.code,
                "name": other.name,
                "dissolved_on": other.dissolved_on.isoformat(),
                "last_day": (other.dissolved_on - dt.timedelta(days=1)).isoformat(),
            }
        )
    if absorbed:
        by_day: dict[str, list[dict]] = {}
        for item in absorbed:
            by_day.setdefault(item["dissolved_on"], []).append(item)
        for day_text, items in by_day.items():
            day = dt.date.fromisoformat(day_text)
            names = "; ".join(f"{item['name']} (đến {short_date(day - dt.timedelta(days=1))})" for item in items)
            sentences.append(
                f"Từ ngày {short_date(day)}, {info.name} tiếp nhận {names}; số liệu từ ngày đó gồm cả các tổ chức này."
            )
    if dissolved is None and not absorbed:
        return None
    return {"dissolved": dissolved, "absorbed": absorbed, "text": sentences}
