"""Checks of the organization tables: organizations, org_moves, localities.

The dated tree itself is judged by organizations.rules.check_tree, the same function the
actions call, over the dataset plus the database organizations it hangs from.
"""

from collections import defaultdict

from xaydungdang.interchange.work import OrgFact, Work
from xaydungdang.organizations.models import Locality
from xaydungdang.organizations.rules import MoveRecord, OrgRecord, check_tree, name_problems


def check_organizations(work: Work) -> None:
    rows = work.rows.get("organizations", [])
    first_top = None
    for row in rows:
        v = row.v
        code = v.get("code")
        if code is None:
            continue
        if code in work.orgs or code in work.broken_orgs:
            other = work.orgs[code].row.n if code in work.orgs else None
            work.error(
                row, "code", f"Mã tổ chức {code} trùng với dòng {other}." if other else f"Mã tổ chức {code} bị lặp lại."
            )
            continue
        if code in work.tree.by_code:
            work.error(row, "code", f"Mã tổ chức {code} đã có trong hệ thống.")
            continue
        if v.get("parent_code") is None:
            if first_top is None:
                first_top = row
            else:
                work.error(
                    row,
                    "parent_code",
                    "Chỉ tổ chức cao nhất của bộ dữ liệu được để trống mã cấp trên "
                    f"(đã có {first_top.v['code']} ở dòng {first_top.n}).",
                )
        work.problems(row, name_problems(v.get("name")))
        if not row.ok:
            work.broken_orgs.add(code)
            continue
        work.orgs[code] = OrgFact(code, v["name"], v["kind"], v["established_on"], v.get("dissolved_on"), row)
    for row in rows:
        parent = row.v.get("parent_code")
        if parent is not None and row.v.get("code") != parent and not work.org_known(parent):
            work.error(row, "parent_code", f'Không có tổ chức cấp trên mã "{parent}" trong bộ dữ liệu hay hệ thống.')
            work.broken_orgs.add(row.v.get("code"))
            work.orgs.pop(row.v.get("code"), None)
    for row in rows:
        _check_successor(work, row)


def _check_successor(work: Work, row) -> None:
    """successor_code (hợp nhất vào): a known organization, other than this one, of a dissolved one,
    existing on the day of the dissolution when the dataset holds it."""
    code, successor, dissolved = row.v.get("code"), row.v.get("successor_code"), row.v.get("dissolved_on")
    if successor is None or code not in work.orgs:
        return
    if successor == code:
        work.error(row, "successor_code", "Tổ chức không thể hợp nhất vào chính nó.")
    elif dissolved is None:
        work.error(row, "successor_code", "Chỉ ghi mã tổ chức hợp nhất vào khi tổ chức có ngày giải thể.")
    elif not work.org_known(successor):
        work.error(row, "successor_code", f'Không có tổ chức mã "{successor}" trong bộ dữ liệu hay hệ thống.')
    else:
        fact = work.orgs.get(successor)
        if fact is not None and not fact.exists_on(dissolved):
            work.error(
                row,
                "successor_code",
                f"Tổ chức {successor} không tồn tại vào ngày giải thể {dissolved:%d/%m/%Y} của {code}.",
            )
    if not row.ok:
        work.broken_orgs.add(code)
        work.orgs.pop(code, None)


def check_moves(work: Work) -> None:
    for row in work.rows.get("org_moves", []):
        code, parent = row.v.get("code"), row.v.get("new_parent_code")
        if code is not None and not work.org_known(code):
            work.error(row, "code", f'Không có tổ chức mã "{code}" trong bộ dữ liệu hay hệ thống.')
        if parent is not None and not work.org_known(parent):
            work.error(row, "new_parent_code", f'Không có tổ chức mã "{parent}" trong bộ dữ liệu hay hệ thống.')


def _db_records(work: Work, codes: set[str]) -> tuple[dict, dict]:
    """OrgRecords and MoveRecords of database organizations, from the derived links."""
    tree = work.tree
    records, moves = {}, defaultdict(list)
    for code in codes:
        info = tree.get(code)
        if info is None:
            continue
        segments = tree.links.get(info.id, [])
        parent_id = segments[0][2] if segments else None
        parent = tree.orgs[parent_id].code if parent_id in tree.orgs else None
        records[code] = OrgRecord(code, info.name, info.kind, parent, info.established_on, info.dissolved_on)
        for start, _end, new_parent in segments[1:]:
            if new_parent in tree.orgs:
                moves[code].append(MoveRecord(code, tree.orgs[new_parent].code, start))
    return records, moves


def _depends_on_broken(work: Work, code, seen=()) -> bool:
    """The organization, or one above it in the dataset, is defined by a row with errors.
    (A module function, not a recursive closure: that would hold `work` in a reference cycle.)"""
    fact = work.orgs.get(code)
    if fact is None:
        return code in work.broken_orgs
    parent = fact.row.v.get("parent_code")
    if parent is None or parent in seen:
        return False
    return _depends_on_broken(work, parent, (*seen, code))


def check_dated_tree(work: Work) -> None:
    """check_tree over the good rows; rows hanging from a broken row are left out so one
    mistake gives one message, not a cascade."""

    def depends_on_broken(code):
        return _depends_on_broken(work, code)

    records: dict[str, OrgRecord] = {}
    for code, fact in work.orgs.items():
        if depends_on_broken(code):
            continue
        records[code] = OrgRecord(
            code,
            fact.name,
            fact.kind,
            fact.row.v.get("parent_code"),
            fact.established_on,
            fact.dissolved_on,
            source=fact.row,
        )
    moves = defaultdict(list)
    move_rows = [r for r in work.rows.get("org_moves", []) if r.ok]
    db_codes = set()
    for row in move_rows:
        code, parent = row.v["code"], row.v["new_parent_code"]
        if work.org_broken(code) or work.org_broken(parent) or depends_on_broken(parent):
            continue
        if code not in work.orgs:
            db_codes.add(code)
        if parent not in work.orgs:
            db_codes.add(parent)
        moves[code].append(MoveRecord(code, parent, row.v["moved_on"], source=row))
    for record in records.values():
        if record.parent_code is not None and record.parent_code not in work.orgs:
            db_codes.add(record.parent_code)
    db_records, db_moves = _db_records(work, db_codes)
    for code, record in db_records.items():
        records.setdefault(code, record)
    for code, items in db_moves.items():
        moves[code] = items + moves.get(code, [])
    check = check_tree(records, moves, work.today)
    for record, problem in check.problems:
        source = getattr(record, "source", None)
        if source is None:
            continue  # a problem the database already had; not this dataset's
        work.problems(source, [problem])
    for code, fact in list(work.orgs.items()):
        if not fact.row.ok:
            work.broken_orgs.add(code)
            del work.orgs[code]


def check_localities(work: Work) -> None:
    rows = work.rows.get("localities", [])
    codes = [r.v["code"] for r in rows if r.v.get("code")]
    referenced = {r.v.get("parent_code") for r in rows} | {
        r.v.get("locality_code") for r in work.rows.get("organizations", [])
    }
    lookup = set(codes) | {c for c in referenced if c}
    found = Locality.objects.filter(code__in=list(lookup)).values_list("code", "id") if lookup else []
    work.db_localities = dict(found)
    for row in rows:
        code = row.v.get("code")
        if code is None:
            continue
        if code in work.localities:
            work.error(row, "code", f"Mã địa bàn {code} trùng với dòng {work.localities[code].n}.")
            continue
        if code in work.db_localities:
            work.error(row, "code", f"Mã địa bàn {code} đã có trong hệ thống.")
            continue
        work.localities[code] = row

    def known(code):
        return code in work.localities or code in work.db_localities

    for row in rows:
        parent, org = row.v.get("parent_code"), row.v.get("org_code")
        if parent is not None and not known(parent):
            work.error(row, "parent_code", f'Không có địa bàn mã "{parent}" trong bộ dữ liệu hay hệ thống.')
        if parent is not None and parent == row.v.get("code"):
            work.error(row, "parent_code", "Địa bàn không thể thuộc chính nó.")
        if org is not None and not work.org_known(org):
            work.error(row, "org_code", f'Không có tổ chức mã "{org}" trong bộ dữ liệu hay hệ thống.')
    # Cycles among the dataset's localities (a -> b -> a).
    for code, row in work.localities.items():
        seen, current = {code}, row.v.get("parent_code")
        while current in work.localities:
            if current in seen:
                work.error(row, "parent_code", f"Địa bàn {code} nằm trong một vòng lặp cấp trên ({current}).")
                break
            seen.add(current)
            current = work.localities[current].v.get("parent_code")
    for row in work.rows.get("organizations", []):
        locality = row.v.get("locality_code")
        if locality is not None and not known(locality):
            work.error(row, "locality_code", f'Không có địa bàn mã "{locality}" trong bộ dữ liệu hay hệ thống.')
