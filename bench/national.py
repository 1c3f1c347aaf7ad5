"""A national-scale synthetic database on PostgreSQL for bench/report.py.

About 60.000 organizations (63 provinces × 12 upper committees × (14 grassroots committees with
4 cells + 9 grassroots cells)) and 5,6 million members in them, with five years of admissions,
recognitions and departures (2020–2024) and two years of member ratings. The provinces are the real
63 until 30/6/2025; on 1/7/2025 they become the 34 of Nghị quyết 202/2025/QH15 (merge_provinces():
23 new provincial organizations take over the commune-level committees of the 52 they merge, which
are dissolved; the table with its source is bench/provinces_2025.json). After 2024 the only
movements are the recognitions of the members admitted in 2024 (RECOGNIZED_UNTIL). Rows are generated
inside PostgreSQL (generate_series over deterministic hashes), so 6 million members take minutes,
not hours. The derived tables (OrgLink, MemberSpan, event cells) are written directly in the
shape the projections produce; `xdd check` is not meant to be run on it.

The statistical forms' attributes are filled with plausible hashed values so bench/forms.py does
real work: the grassroots organizations' unit types, members' occupations (the fifteen codes),
general education (N/12, N/10 and level words), qualification, political theory, academic titles,
Đoàn dates, business owners, foreign marriages, family-planning flags, several ethnicities and
religions, transfer counterparts, and dated member_changes (retirements, degrees, schooling) for
about 3 % of the members.
"""

import datetime as dt
import json
from pathlib import Path

from django.db import connection, transaction

PROVINCES, UPPERS, COMMITTEES, CELLS_PER_COMMITTEE, GRASSROOTS_CELLS = 63, 12, 14, 4, 9
ACTIVE_MEMBERS = 5_600_000
DEPARTED_MEMBERS = 400_000
FOUNDED = dt.date(2000, 1, 1)
# Recognitions (chính thức after the 12 months) are recorded up to this day, so the members admitted in
# 2024 become official in 2025 instead of dropping out of the counts when their probation ends.
RECOGNIZED_UNTIL = dt.date(2026, 6, 30)
MERGED_ON = dt.date(2025, 7, 1)  # the old provincial organizations exist until 30/6/2025
MERGER_FILE = Path(__file__).resolve().parent / "provinces_2025.json"
# Grassroots unit types (Biểu 5), communes and wards most often; "" leaves a few unclassified.
UNIT_TYPES = (
    ["commune"] * 6 + ["ward"] * 3 + ["township", "party_mass", "state_agency", "state_agency", "public_service"]
    + ["public_service", "private_service", "army", "police", "state_100", "state_majority", "state_minority"]
    + ["joint_stock", "private_enterprise", "llc", "partnership", "foreign_invested", "foreign_100"]
    + ["cooperative", "abroad", "other", ""]
)  # fmt: skip
OCCUPATIONS = (
    "state_official", "party_official", "commune_official", "village_worker", "public_employee", "public_employee",
    "private_service", "enterprise_manager", "enterprise", "worker", "farmer", "farmer", "armed_forces", "student",
    "pupil", "other", "retired", "retired", "retired", "civil_servant",
)  # fmt: skip
EDUCATIONS = ("12/12", "12/12", "12/12", "12/12", "10/10", "9/12", "9/10", "7/10", "5/12", "Trung học cơ sở", "")
QUALIFICATIONS = ("bachelor", "bachelor", "bachelor", "master", "doctor", "college", "intermediate", "vocational")
QUALIFICATIONS += ("elementary", "none", "")
THEORIES = ("elementary", "elementary", "elementary", "intermediate", "intermediate", "advanced", "bachelor", "none")
ETHNICITIES = ("Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông", "Dao", "Ê-đê", "Ba Na", "Xơ Đăng", "Chăm")
RELIGIONS = ("Phật giáo", "Phật giáo", "Công giáo", "Công giáo", "Phật giáo Hòa Hảo", "Cao Đài", "Tin Lành", "Hồi giáo")


def _pick(values, expression: str) -> str:
    """A SQL CASE choosing values[expression % len(values)] (values are trusted constants)."""
    quoted = " ".join(f"WHEN {i} THEN '{v.replace(chr(39), chr(39) * 2)}'" for i, v in enumerate(values))
    return f"(CASE ({expression}) % {len(values)} {quoted} END)"


def merger_table() -> dict:
    """bench/provinces_2025.json: the 63 provinces before 1/7/2025 and the 23 mergers of Nghị quyết
    202/2025/QH15 (the 11 others unchanged)."""
    return json.loads(MERGER_FILE.read_text(encoding="utf-8"))


def _party_name(name: str, kind: str) -> str:
    return f"Đảng bộ {'Thành phố' if name == 'Hồ Chí Minh' else kind} {name}"


def old_province_codes() -> dict[str, str]:
    """Former province name -> its organization code (T00..T62 in the table's order)."""
    return {name: f"T{p:02d}" for p, (name, _kind) in enumerate(merger_table()["old"])}


def _orgs() -> list[tuple]:
    """(code, name, kind, parent_code) in parent-before-child order: the 63 provinces as they were
    founded; the mergers of 1/7/2025 are applied afterwards by merge_provinces()."""
    rows = [("TW", "Đảng Cộng sản Việt Nam", "central", None)]
    provinces = merger_table()["old"]
    assert len(provinces) == PROVINCES
    for p, (province, province_kind) in enumerate(provinces):
        pc = f"T{p:02d}"
        rows.append((pc, _party_name(province, province_kind), "provincial", "TW"))
        for u in range(UPPERS):
            uc = f"{pc}U{u:02d}"
            rows.append((uc, f"Đảng bộ xã {p:02d}-{u:02d}", "upper", pc))
            for g in range(COMMITTEES):
                gc = f"{uc}G{g:02d}"
                rows.append((gc, f"Đảng bộ cơ sở {gc}", "grassroots_committee", uc))
                for c in range(CELLS_PER_COMMITTEE):
                    rows.append((f"{gc}C{c}", f"Chi bộ {gc}-{c}", "cell", gc))
            for k in range(GRASSROOTS_CELLS):
                rows.append((f"{uc}K{k}", f"Chi bộ cơ sở {uc}-{k}", "grassroots_cell", uc))
    return rows


def _exec(cursor, sql: str, params=None, echo=print) -> None:
    started = dt.datetime.now()
    cursor.execute(sql, params)
    echo(
        f"  {sql.split()[0]} {sql.split()[2] if len(sql.split()) > 2 else ''}: "
        f"{(dt.datetime.now() - started).total_seconds():.1f} s"
    )


def generate(echo=print) -> dict:
    assert connection.vendor == "postgresql", "national scale runs on PostgreSQL only"
    from xaydungdang.core.text import fold
    from xaydungdang.members.models import SPAN_COPIED
    from xaydungdang.organizations.models import org_sort_key

    orgs, now = _orgs(), dt.datetime.now(dt.UTC)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL synchronous_commit = off")
        with cur.cursor.copy(
            "COPY organizations_organization (code, name, name_folded, sort_key, kind, established_on, "
            "decision_no, note, version, created_at, unit_type) FROM STDIN"
        ) as copy:
            for index, (code, name, kind, _parent) in enumerate(orgs):
                unit_type = UNIT_TYPES[index % len(UNIT_TYPES)] if kind.startswith("grassroots") else ""
                copy.write_row((code, name, fold(name), org_sort_key(name), kind, FOUNDED, "", "", 1, now, unit_type))
        cur.execute("CREATE TEMP TABLE parents (code text, parent text) ON COMMIT DROP")
        with cur.cursor.copy("COPY parents FROM STDIN") as copy:
            for code, _n, _k, parent in orgs:
                copy.write_row((code, parent))
        _exec(
            cur,
            """UPDATE organizations_organization o SET parent_id = p.id FROM parents x
                      JOIN organizations_organization p ON p.code = x.parent WHERE x.code = o.code""",
            echo=echo,
        )
        _exec(
            cur,
            """INSERT INTO organizations_orglink (org_id, parent_id, start, "end")
                      SELECT id, parent_id, established_on, NULL FROM organizations_organization""",
            echo=echo,
        )
        cur.execute("""CREATE TEMP TABLE cells ON COMMIT DROP AS
                       SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id FROM organizations_organization
                       WHERE kind IN ('cell', 'grassroots_cell')""")
        cur.execute("SELECT count(*) FROM cells")
        n_cells = cur.fetchone()[0]
        total = ACTIVE_MEMBERS + DEPARTED_MEMBERS
        # Member i: cell i % n_cells; hashes give dates and attributes. Members 0..999.999 were
        # admitted 2020–2024; the last DEPARTED_MEMBERS left during 2020–2024.
        _exec(
            cur,
            f"""
            CREATE TEMP TABLE gen ON COMMIT DROP AS
            SELECT i, c.id AS cell_id,
                   CASE WHEN i < 1000000 THEN DATE '2020-01-01' + ((i * 7919) % 1826)::int
                        ELSE DATE '1975-01-01' + ((i * 104729) % 16000)::int END AS joined_on,
                   DATE '1945-01-01' + ((i * 15485863) % 20000)::int AS birth_date,
                   (i % 5 < 2) AS female, (i % 7 = 0) AS minority, (i % 11 = 0) AS religious,
                   CASE WHEN i >= {ACTIVE_MEMBERS} THEN DATE '2020-01-01' + ((i * 31) % 1826)::int END AS left_on,
                   CASE (i % 3) WHEN 0 THEN 'struck_off' WHEN 1 THEN 'died' ELSE 'transferred_out' END AS exit_type
            FROM generate_series(0::bigint, {total - 1}) AS i JOIN cells c ON c.idx = i % {n_cells}""",
            echo=echo,
        )
        cur.execute("CREATE INDEX ON gen (i)")
        # Birth dates must leave the admission age between 18 and 60.
        cur.execute("UPDATE gen SET birth_date = joined_on - (7300 + (i % 9000))::int WHERE i < 1000000")
        cur.execute("UPDATE gen SET left_on = joined_on + 400 WHERE left_on IS NOT NULL AND left_on <= joined_on + 400")
        _exec(
            cur,
            f"""
            INSERT INTO members_member (member_no, full_name, name_folded, sort_key, gender, birth_date, ethnicity,
                   religion, national_id, hometown, residence, general_education, qualification, political_theory,
                   occupation, ethnic_minority, academic_title, youth_union_from, youth_union_until, business_owner,
                   foreign_marriage, family_planning_violation,
                   joined_on, official_on, card_no, admission_exception, current_cell_id, state, status,
                   version, created_at, updated_at)
            SELECT 'N' || lpad(i::text, 8, '0'), 'Đảng viên ' || i, 'dang vien ' || i, lpad(i::text, 10, '0'),
                   CASE WHEN female THEN 'female' ELSE 'male' END, birth_date,
                   CASE WHEN minority THEN {_pick(ETHNICITIES, "i / 7")} ELSE 'Kinh' END,
                   CASE WHEN religious THEN {_pick(RELIGIONS, "i / 11")} ELSE '' END,
                   NULL, '', '', {_pick(EDUCATIONS, "i * 3")}, {_pick(QUALIFICATIONS, "i / 3")},
                   {_pick(THEORIES, "i / 5")}, {_pick(OCCUPATIONS, "(i * 17) / 3")}, minority,
                   CASE WHEN i % 997 = 0 THEN 'professor' WHEN i % 211 = 0 THEN 'associate_professor' ELSE '' END,
                   CASE WHEN i % 4 <> 3 THEN birth_date + 5844 END,
                   CASE WHEN i % 4 = 0 THEN birth_date + 11323 END,
                   i % 53 = 0, i % 89 = 0, i % 151 = 0,
                   joined_on, CASE WHEN joined_on + 365 <= DATE '{RECOGNIZED_UNTIL}' THEN joined_on + 365 END,
                   '', false,
                   cell_id, CASE WHEN left_on IS NULL THEN 'active' WHEN exit_type = 'died' THEN 'died'
                                 WHEN exit_type = 'struck_off' THEN 'removed' ELSE 'transferred_out' END,
                   CASE WHEN joined_on + 365 <= DATE '{RECOGNIZED_UNTIL}' THEN 'official' ELSE 'probationary' END,
                   1, now(), now()
            FROM gen ORDER BY i""",
            echo=echo,
        )
        cur.execute(
            "CREATE TEMP TABLE ids ON COMMIT DROP AS SELECT id AS member_id, "
            "substr(member_no, 2)::int AS i FROM members_member WHERE member_no LIKE 'N%'"
        )
        cur.execute("CREATE INDEX ON ids (i)")
        entry = "GREATEST(g.joined_on, DATE '2019-12-31')"
        # The spans carry the member values the forms read (members.models.SPAN_COPIED).
        copied = ", ".join(SPAN_COPIED)
        common = (
            "g.cell_id, g.female, g.minority, g.religious, "
            "(extract(year FROM g.birth_date) * 10000 + extract(month FROM g.birth_date) * 100 "
            "+ extract(day FROM g.birth_date))::int, g.joined_on, " + ", ".join(f"m.{c}" for c in SPAN_COPIED)
        )
        member = "JOIN members_member m ON m.id = d.member_id"
        _exec(
            cur,
            f"""
            INSERT INTO members_memberspan (member_id, cell_id, female, minority, religious, birth_ord, joined_on,
                                            {copied}, start, "end", official, exempt, away)
            SELECT d.member_id, {common}, {entry}, LEAST(g.joined_on + 365, g.left_on), false, false, false
            FROM gen g JOIN ids d ON d.i = g.i {member} WHERE g.joined_on + 365 > DATE '2019-12-31'
            UNION ALL
            SELECT d.member_id, {common}, GREATEST(g.joined_on + 365, DATE '2019-12-31'), g.left_on, true, false,
                   (g.i % 97 = 0)
            FROM gen g JOIN ids d ON d.i = g.i {member}
            WHERE g.joined_on + 365 <= DATE '{RECOGNIZED_UNTIL}'
              AND (g.left_on IS NULL OR g.left_on > g.joined_on + 365)
        """,
            echo=echo,
        )
        _exec(
            cur,
            f"""
            INSERT INTO members_memberevent (member_id, type, "on", org_id, reason, decision_no, note, from_cell_id,
                   to_cell_id, created_at, void_reason, version, counterpart, letter_no,
                   other_place)
            SELECT d.member_id, 'opening', DATE '2019-12-31', g.cell_id, '', '', '', NULL::bigint, g.cell_id,
                   now(), '', 1, '', '', ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on <= DATE '2019-12-31'
            UNION ALL
            SELECT d.member_id, 'admitted', g.joined_on, g.cell_id, '', '', '', NULL::bigint, g.cell_id, now(), '',
                   1, '', '', ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on > DATE '2019-12-31'
            UNION ALL
            SELECT d.member_id, 'recognized_official', g.joined_on + 365, NULL::bigint, '', '', '', g.cell_id,
                   g.cell_id, now(), '', 1, '', '', ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on > DATE '2018-12-31'
               AND g.joined_on + 365 <= DATE '{RECOGNIZED_UNTIL}'
               AND (g.left_on IS NULL OR g.left_on > g.joined_on + 365)
            UNION ALL
            SELECT d.member_id, g.exit_type, g.left_on, NULL::bigint,
                   CASE WHEN g.exit_type = 'struck_off' THEN 'abandoned_activities' ELSE '' END, '', '', g.cell_id,
                   NULL::bigint, now(), '', 1,
                   CASE WHEN g.exit_type <> 'transferred_out' THEN '' WHEN g.i % 2 = 0 THEN 'other_province'
                        ELSE 'same_province' END, '', ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.left_on IS NOT NULL
        """,
            echo=echo,
        )
        # Dated changes of the forms' attributes: retirements, a master's degree, schooling finished.
        _exec(
            cur,
            """
            INSERT INTO members_memberchange (member_id, field, value, "on", created_at, void_reason, version)
            SELECT d.member_id, 'occupation', 'retired', DATE '2021-01-01' + ((g.i * 13) % 1460)::int, now(), '', 1
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.i % 71 = 0
            UNION ALL
            SELECT d.member_id, 'qualification', 'master', DATE '2020-06-01' + ((g.i * 7) % 1600)::int, now(), '', 1
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.i % 83 = 1
            UNION ALL
            SELECT d.member_id, 'general_education', '12/12', DATE '2021-09-01' + ((g.i * 5) % 1200)::int,
                   now(), '', 1
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.i % 97 = 2
            UNION ALL
            SELECT d.member_id, 'religion', 'Công giáo', DATE '2022-03-01' + ((g.i * 3) % 900)::int, now(), '', 1
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.i % 211 = 3
        """,
            echo=echo,
        )
        # A register records events as they happen: rows lie roughly in date order on disk.
        # (The deferred foreign-key checks of the rows inserted run first: CLUSTER refuses pending ones.)
        _exec(cur, "SET CONSTRAINTS ALL IMMEDIATE", echo=echo)
        _exec(cur, "CLUSTER members_memberevent USING members_memberevent_on_8927050e", echo=echo)
        for year in (2023, 2024):
            _exec(
                cur,
                f"""
                INSERT INTO reviews_rating (year, level, rated_by, cell_id, subject_type, subject_member_id,
                       created_at, void_reason, version, period, ruleset, not_rated, not_rated_note, disciplined,
                       violation, self_level, proposed_level)
                SELECT {year}, CASE WHEN g.i % 10 = 0 THEN 'excellent' WHEN g.i % 10 < 8 THEN 'good'
                                    WHEN g.i % 50 = 9 THEN 'incomplete' ELSE 'complete' END,
                       '', g.cell_id, 'member', d.member_id, now(), '', 1, '', '', '', '', false, '', '', ''
                FROM gen g JOIN ids d ON d.i = g.i
                WHERE g.joined_on <= DATE '{year}-12-31' AND (g.left_on IS NULL OR g.left_on > DATE '{year}-12-31')
            """,
                echo=echo,
            )
        cur.execute(
            "INSERT INTO admissions_target (org_id, period, period_start, period_end, indicator, value, "
            "created_at, void_reason, version) SELECT id, '2024', DATE '2024-01-01', DATE '2024-12-31', "
            "'admissions', 150000, now(), '', 1 FROM organizations_organization WHERE code = 'TW'"
        )
    merge_provinces(echo=echo)
    with connection.cursor() as cur:
        for name in (
            "organizations_organization",
            "organizations_orgmove",
            "organizations_orglink",
            "members_member",
            "members_memberspan",
            "members_memberevent",
            "members_memberchange",
            "reviews_rating",
        ):
            _exec(cur, f"VACUUM ANALYZE {name}", echo=echo)
        cur.execute(
            "SELECT (SELECT count(*) FROM organizations_organization), (SELECT count(*) FROM members_member), "
            "(SELECT count(*) FROM members_memberspan), (SELECT count(*) FROM members_memberevent), "
            "(SELECT count(*) FROM reviews_rating)"
        )
        orgs_n, members_n, spans_n, events_n, ratings_n = cur.fetchone()
    from xaydungdang.organizations.tree import invalidate

    with transaction.atomic():
        invalidate()
    return {"organizations": orgs_n, "members": members_n, "spans": spans_n, "events": events_n, "ratings": ratings_n}


def merge_provinces(echo=print) -> dict:
    """63 -> 34 on 1/7/2025 (Nghị quyết 202/2025/QH15), recorded as organizations.actions.merge
    records a merger of committees: each of the 23 new provincial organizations is founded on
    1/7/2025 under TW; each commune-level committee of the 52 former provinces moves under it by an
    OrgMove that day ("Hợp nhất T.."); the former provincial organizations are dissolved that day (they
    exist until 30/6/2025) with the new one as their successor where the schema has that field
    (organizations 0005); the OrgLink intervals are re-derived by organizations.projection. The 11
    unchanged provinces keep their organization; cells and members do not move (the subtrees go with
    their committees). Written directly rather than through actions.merge, whose checks of the whole
    tree for each of the 624 moves would take hours on 60.000 organizations. Idempotent."""
    from xaydungdang.organizations import projection
    from xaydungdang.organizations.models import Organization, OrgMove

    started = dt.datetime.now()
    table, codes = merger_table(), old_province_codes()
    has_successor = any(f.name == "successor" for f in Organization._meta.get_fields())
    moves = []
    with transaction.atomic():
        tw = Organization.objects.get(code="TW")
        merged = Organization.objects.filter(code=new_province_code(0)).exists()
        touched = []
        for n, merger in enumerate(table["mergers"]):
            parts = Organization.objects.filter(code__in=[codes[name] for name in merger["parts"]])
            assert parts.count() == len(merger["parts"]) >= 2, merger
            if merged:
                new = Organization.objects.get(code=new_province_code(n))
            else:
                new = Organization.objects.create(
                    code=new_province_code(n),
                    name=_party_name(merger["name"], merger["kind"]),
                    kind="provincial",
                    parent=tw,
                    established_on=MERGED_ON,
                    note=(
                        f"Hợp nhất {', '.join(merger['parts'])} theo Nghị quyết 202/2025/QH15; "
                        f"trung tâm hành chính - chính trị tại tỉnh {merger['seat']} cũ."
                    ),
                )
                touched.append(new.id)
                for part in parts:
                    touched.append(part.id)
                    for upper_id in Organization.objects.filter(parent=part).values_list("id", flat=True):
                        moves.append(
                            OrgMove(org_id=upper_id, new_parent=new, moved_on=MERGED_ON, note=f"Hợp nhất {part.code}")
                        )
                        touched.append(upper_id)
                parts.update(dissolved_on=MERGED_ON, note=f"Hợp nhất vào {new.code}")
            if has_successor:
                parts.filter(successor__isnull=True).update(successor=new)
        if moves:
            OrgMove.objects.bulk_create(moves)
            links = projection.rebuild_links(touched)
            took = (dt.datetime.now() - started).total_seconds()
            echo(f"  merge 63 -> 34: {len(moves)} moves, {links} links: {took:.1f} s")
    from xaydungdang.organizations.tree import invalidate

    with transaction.atomic():
        invalidate()
    return {"new_provinces": len(table["mergers"]), "moves": len(moves)}


def new_province_code(index: int) -> str:
    """The code of the index-th merged province of the table (P00..P22)."""
    return f"P{index:02d}"


def provinces_after() -> list[tuple[str, str, list[str]]]:
    """The 34 provincial organizations from 1/7/2025: (code, name, codes of the former provinces
    whose members it takes over); an unchanged province is its own single part."""
    table, codes = merger_table(), old_province_codes()
    kinds = dict((name, kind) for name, kind in table["old"])
    out = [(codes[name], _party_name(name, kinds[name]), [codes[name]]) for name in table["unchanged"]]
    for n, merger in enumerate(table["mergers"]):
        out.append(
            (new_province_code(n), _party_name(merger["name"], merger["kind"]), [codes[p] for p in merger["parts"]])
        )
    return out
