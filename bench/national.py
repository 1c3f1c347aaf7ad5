"""A national-scale synthetic database on PostgreSQL for bench/report.py.

About 60.000 organizations (63 provinces × 12 upper committees × (14 grassroots committees with
4 cells + 9 grassroots cells)) and 5,6 million members in them, with five years of admissions,
recognitions and departures (2020–2024) and two years of member ratings. Rows are generated
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

from django.db import connection, transaction

PROVINCES, UPPERS, COMMITTEES, CELLS_PER_COMMITTEE, GRASSROOTS_CELLS = 63, 12, 14, 4, 9
ACTIVE_MEMBERS = 5_600_000
DEPARTED_MEMBERS = 400_000
FOUNDED = dt.date(2000, 1, 1)
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


def _orgs() -> list[tuple]:
    """(code, name, kind, parent_code) in parent-before-child order."""
    rows = [("TW", "Đảng Cộng sản Việt Nam", "central", None)]
    for p in range(PROVINCES):
        pc = f"T{p:02d}"
        rows.append((pc, f"Đảng bộ tỉnh {p:02d}", "provincial", "TW"))
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
    orgs = _orgs()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL synchronous_commit = off")
        with cur.cursor.copy(
            "COPY organizations_organization (code, name, name_folded, kind, established_on, "
            "decision_no, note, version, created_at, unit_type) FROM STDIN"
        ) as copy:
            for index, (code, name, kind, _parent) in enumerate(orgs):
                unit_type = UNIT_TYPES[index % len(UNIT_TYPES)] if kind.startswith("grassroots") else ""
                copy.write_row((code, name, name.lower(), kind, FOUNDED, "", "", 1, dt.datetime.now(dt.UTC), unit_type))
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
                   joined_on, CASE WHEN joined_on + 365 <= DATE '2024-12-31' THEN joined_on + 365 END, '', false,
                   cell_id, CASE WHEN left_on IS NULL THEN 'active' WHEN exit_type = 'died' THEN 'died'
                                 WHEN exit_type = 'struck_off' THEN 'removed' ELSE 'transferred_out' END,
                   CASE WHEN joined_on + 365 <= DATE '2024-12-31' THEN 'official' ELSE 'probationary' END,
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
        common = (
            "g.cell_id, g.female, g.minority, g.religious, "
            "(extract(year FROM g.birth_date) * 10000 + extract(month FROM g.birth_date) * 100 "
            "+ extract(day FROM g.birth_date))::int, g.joined_on"
        )
        _exec(
            cur,
            f"""
            INSERT INTO members_memberspan (member_id, cell_id, female, minority, religious, birth_ord, joined_on,
                                            start, "end", official, exempt, away)
            SELECT d.member_id, {common}, {entry}, LEAST(g.joined_on + 365, g.left_on), false, false, false
            FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on + 365 > DATE '2019-12-31'
            UNION ALL
            SELECT d.member_id, {common}, GREATEST(g.joined_on + 365, DATE '2019-12-31'), g.left_on, true, false,
                   (g.i % 97 = 0)
            FROM gen g JOIN ids d ON d.i = g.i
            WHERE g.joined_on + 365 <= DATE '2024-12-31' AND (g.left_on IS NULL OR g.left_on > g.joined_on + 365)
        """,
            echo=echo,
        )
        _exec(
            cur,
            """
            INSERT INTO members_memberevent (member_id, type, "on", org_id, reason, decision_no, note, from_cell_id,
                   to_cell_id, created_at, void_reason, version, counterpart)
            SELECT d.member_id, 'opening', DATE '2019-12-31', g.cell_id, '', '', '', NULL::bigint, g.cell_id,
                   now(), '', 1, ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on <= DATE '2019-12-31'
            UNION ALL
            SELECT d.member_id, 'admitted', g.joined_on, g.cell_id, '', '', '', NULL::bigint, g.cell_id, now(), '',
                   1, ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on > DATE '2019-12-31'
            UNION ALL
            SELECT d.member_id, 'recognized_official', g.joined_on + 365, NULL::bigint, '', '', '', g.cell_id,
                   g.cell_id, now(), '', 1, ''
              FROM gen g JOIN ids d ON d.i = g.i WHERE g.joined_on > DATE '2018-12-31'
               AND g.joined_on + 365 <= DATE '2024-12-31' AND (g.left_on IS NULL OR g.left_on > g.joined_on + 365)
            UNION ALL
            SELECT d.member_id, g.exit_type, g.left_on, NULL::bigint,
                   CASE WHEN g.exit_type = 'struck_off' THEN 'abandoned_activities' ELSE '' END, '', '', g.cell_id,
                   NULL::bigint, now(), '', 1,
                   CASE WHEN g.exit_type <> 'transferred_out' THEN '' WHEN g.i % 2 = 0 THEN 'other_province'
                        ELSE 'same_province' END
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
                       created_at, void_reason, version)
                SELECT {year}, CASE WHEN g.i % 10 = 0 THEN 'excellent' WHEN g.i % 10 < 8 THEN 'good'
                                    WHEN g.i % 50 = 9 THEN 'incomplete' ELSE 'complete' END,
                       '', g.cell_id, 'member', d.member_id, now(), '', 1
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
    with connection.cursor() as cur:
        for name in (
            "organizations_organization",
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
