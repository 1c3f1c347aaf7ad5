"""The change feed (interchange/feed.py, /api/v1/changes/): scope, masking, cursors, errors, the audit row,
the commit horizon on PostgreSQL, and `xdd mirror` (interchange/mirror.py) on pages it is given."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection

from xaydungdang.accounts.tokens import create_token
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.models import AuditEntry
from xaydungdang.interchange import feed, mirror
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.models import MirrorState
from xaydungdang.interchange.tests.helpers import SAMPLE, messages
from xaydungdang.members import actions as members
from xaydungdang.members.models import Member, MemberEvent
from xaydungdang.organizations.models import Organization
from xaydungdang.web.tests.conftest import PASSWORD, people, users  # noqa: F401  (fixtures)

D = dt.date
URL = "/api/v1/changes/"


def _get(client, user, **params):
    _token, secret = create_token(user, "nguồn thay đổi", days=5)
    return client.get(URL, params, HTTP_AUTHORIZATION=f"Bearer {secret}")


def _all(client, user, limit=1000):
    _token, secret = create_token(user, f"đọc {limit}", days=5)
    since, changes = "", []
    while True:
        page = client.get(URL, {"since": since, "limit": limit}, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
        changes += page["changes"]
        since = page["next"]
        if not page["more"]:
            return changes, since


def test_every_change_in_order_with_natural_keys(client, people, users, tree):
    members.record_event(people["an"], "away_started", D(2023, 2, 1))
    wrong = members.record_event(people["dung"], "transferred", D(2023, 3, 1), org=tree["C1"])
    members.void_event(wrong, "Ghi nhầm")
    changes, _next = _all(client, users["admin"])
    assert [c["key"].get("code") for c in changes[:7]] == ["P", "U1", "U2", "G1", "C1", "C2", "GC"]
    assert changes[1]["row"]["parent_code"] == "P" and changes[1]["op"] == "upsert"
    opening = next(c for c in changes if c["key"] == {"member_no": "M001"})
    assert opening["row"]["org_code"] == "C1" and opening["row"]["as_of"] == "2016-01-01"
    assert opening["row"]["national_id"] == "012345678901"  # the administrator may see it
    last = changes[-3:]
    assert [(c["op"], c["table"]) for c in last] == [
        ("insert", "member_events"),
        ("insert", "member_events"),
        ("void", "member_events"),
    ]
    assert (
        last[2]["key"]
        == last[1]["key"]
        == {
            "member_no": "M004",
            "type": "transferred",
            "on": "2023-03-01",
            "org_code": "C1",
            "reason": None,
            "decision_no": None,
            "decided_on": None,
        }
    )
    assert last[2]["row"] == {"reason": "Ghi nhầm"}
    cursors = [feed.Cursor.parse(c["cursor"]) for c in changes]
    assert cursors == sorted(cursors)


def test_rows_name_members_by_their_number_at_the_time(client, people, users, tree):
    members.record_event(people["an"], "away_started", D(2023, 2, 1))
    an = Member.objects.get(pk=people["an"].pk)
    members.update_member(an, {"member_no": "M001A"}, expected_version=an.version)
    members.record_event(an, "away_ended", D(2023, 9, 1))
    changes, _next = _all(client, users["admin"])
    numbers = [(c["table"], c["key"].get("member_no"), c["row"].get("member_no")) for c in changes[-3:]]
    assert numbers == [
        ("member_events", "M001", "M001"),
        ("members", "M001", "M001A"),
        ("member_events", "M001A", "M001A"),
    ]


def test_pages_resume_without_loss_or_repeat(client, people, users, tree):
    assert import_path(SAMPLE).ok
    members.record_event(people["em"], "away_started", D(2023, 2, 1))
    whole, _end = _all(client, users["admin"])
    in_ones, _end = _all(client, users["admin"], limit=1)
    assert [c | {"cursor": None} for c in in_ones] == [c | {"cursor": None} for c in whole]
    tables = {c["table"] for c in whole if c["entry"] == whole[-2]["entry"]}  # the import, expanded
    assert {"organizations", "localities", "org_moves", "members", "member_events", "ratings", "classes"} <= tables


def test_scope_and_masking(client, people, users, tree):
    members.record_event(people["em"], "away_started", D(2023, 2, 1))  # in GC (U2)
    changes, _next = _all(client, users["viewer_u1"])
    text = str(changes)
    for outside in ("M005", "M006", "Phạm Thị Em", "U2", "GC", "Đảng bộ huyện Hai"):
        assert outside not in text
    assert {c["key"].get("code") for c in changes if c["table"] == "organizations"} == {"U1", "G1", "C1", "C2"}
    an = next(c for c in changes if c["key"] == {"member_no": "M001"})
    assert an["row"]["national_id"] == "•••••••••901"  # a viewer sees it masked
    staff, _next = _all(client, users["staff_u1"])
    assert next(c for c in staff if c["key"] == {"member_no": "M001"})["row"]["national_id"] == "012345678901"


def test_a_token_limited_to_a_subtree_reads_only_that_subtree(client, people, users, tree):
    _token, secret = create_token(users["admin"], "chỉ huyện Hai", days=5, org=tree["U2"])
    page = client.get(URL, {"limit": 1000}, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    named = {c["key"].get("code") or c["key"].get("member_no") for c in page["changes"]}
    assert named == {"U2", "GC", "M005", "M006"}


def test_each_read_is_one_audit_row_and_errors_name_the_parameter(client, people, users):
    before = AuditEntry.objects.filter(action=AuditAction.API_READ).count()
    response = _get(client, users["staff_u1"], limit=3)
    assert response.status_code == 200 and len(response.json()["changes"]) == 3
    assert AuditEntry.objects.filter(action=AuditAction.API_READ).count() == before + 1
    entry = AuditEntry.objects.filter(action=AuditAction.API_READ).latest("id")
    assert entry.after["path"] == URL and entry.after["rows"] == 3 and entry.username == "canbo_u1"
    bad = _get(client, users["staff_u1"], since="abc")
    assert bad.status_code == 400 and "since" in bad.json()["fields"]
    assert "không hợp lệ" in bad.json()["fields"]["since"][0]
    assert _get(client, users["staff_u1"], limit="0").json()["fields"]["limit"] == [
        "limit phải là số nguyên từ 1 đến 5000."
    ]
    assert client.get(URL).status_code == 401


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ids commit out of order only on PostgreSQL")
def test_an_uncommitted_writer_holds_the_horizon(people, users):
    """A transaction that wrote an audit entry and has not committed yet: the feed serves nothing past what
    is settled and says so, instead of moving the cursor beyond an id that may still commit."""
    import psycopg

    params = connection.settings_dict
    other = psycopg.connect(
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname=params["NAME"],
    )
    try:
        other.execute("SELECT pg_advisory_xact_lock_shared(%s)", [feed.FEED_LOCK])  # as core.audit.record does
        assert feed.horizon(wait=0.2) is None
        page = feed.Reader(users["admin"]).page(feed.Cursor(3), 10)
        assert page == {"changes": [], "next": "3.0.0", "more": True, "settled": False}
        other.rollback()
        assert feed.horizon(wait=0.2) == AuditEntry.objects.latest("id").id
    finally:
        other.close()


def test_cursor_parsing():
    assert feed.Cursor.parse("") == feed.Cursor() and str(feed.Cursor.parse("12.3.45")) == "12.3.45"
    for bad in ("1.2", "a.b.c", "1.2.3.4", "-1.0.0", "9" * 30 + ".0.0"):
        with pytest.raises(Exception) as refused:
            feed.Cursor.parse(bad)
        assert refused.value.problems[0].field == "since"


def _page(since, changes, following, more=False):
    return {"since": since, "changes": changes, "next": following, "more": more, "settled": True}


def test_xdd_mirror_applies_pages_and_remembers_the_cursor(db, monkeypatch):
    top = {
        "code": "T",
        "name": "Đảng bộ tỉnh Gương",
        "kind": "provincial",
        "parent_code": None,
        "established_on": "2015-01-01",
    }
    cell = {
        "code": "T1",
        "name": "Chi bộ Một",
        "kind": "grassroots_cell",
        "parent_code": "T",
        "established_on": "2015-01-01",
    }
    member = {
        "member_no": "G001",
        "full_name": "Lý Thị Gương",
        "gender": "female",
        "birth_date": "1990-01-01",
        "ethnicity": "Kinh",
        "joined_on": "2020-01-01",
    }
    admitted = {"member_no": "G001", "type": "admitted", "on": "2020-01-01", "org_code": "T1"}
    away = {"member_no": "G001", "type": "away_started", "on": "2021-01-01"}
    pages = {
        "": _page(
            "",
            [
                {"op": "upsert", "table": "organizations", "key": {"code": "T"}, "row": top},
                {"op": "upsert", "table": "organizations", "key": {"code": "T1"}, "row": cell},
                {
                    "op": "upsert",
                    "table": "members",
                    "key": {"member_no": "G001"},
                    "row": member | {"national_id": "•••••••••123"},
                },
                {"op": "insert", "table": "member_events", "key": admitted, "row": admitted},
                {"op": "insert", "table": "member_events", "key": away, "row": away},
            ],
            "9.0.0",
            more=True,
        ),
        "9.0.0": _page(
            "9.0.0",
            [
                {
                    "op": "upsert",
                    "table": "members",
                    "key": {"member_no": "G001"},
                    "row": {"full_name": "Lý Thị Gương Mới"},
                }
            ],
            "12.0.0",
        ),
        "12.0.0": _page(
            "12.0.0",
            [
                {
                    "op": "void",
                    "table": "member_events",
                    "key": away | {"org_code": None},
                    "row": {"reason": "Nhập nhầm"},
                }
            ],
            "15.0.0",
        ),
    }
    asked = []

    def fake_fetch(url, token, since, limit, opener=None):
        asked.append((url, token, since, limit))
        return pages[since]

    monkeypatch.setattr(mirror, "fetch_page", fake_fetch)
    out = io.StringIO()
    call_command("mirror", source="https://tinh.example.vn/", token="xdd_abc", limit=50, stdout=out)
    assert asked == [
        ("https://tinh.example.vn/api/v1/changes/", "xdd_abc", "", 50),
        ("https://tinh.example.vn/api/v1/changes/", "xdd_abc", "9.0.0", 50),
    ]
    g = Member.objects.get(member_no="G001")
    assert g.full_name == "Lý Thị Gương Mới" and g.national_id is None  # a masked ID is not copied
    assert Organization.objects.get(code="T1").parent.code == "T"
    assert "Đã đồng bộ đến con trỏ 12.0.0: tổng 6 thay đổi" in out.getvalue()
    assert MirrorState.objects.get(source="https://tinh.example.vn/api/v1/changes/").cursor == "12.0.0"
    # The next run starts from the remembered cursor; a page that cannot be applied leaves nothing behind.
    pages["12.0.0"]["changes"].append(
        {"op": "void", "table": "classes", "key": {"org_code": "T1", "kind": "other"}, "row": {}}
    )
    with pytest.raises(mirror.MirrorError, match="Không tìm thấy bản ghi cần hủy"):
        call_command("mirror", source="https://tinh.example.vn", token="xdd_abc", stdout=io.StringIO())
    assert MemberEvent.objects.get(member=g, type="away_started").voided_at is None
    pages["12.0.0"]["changes"].pop()
    call_command("mirror", source="https://tinh.example.vn", token="xdd_abc", stdout=io.StringIO())
    assert MemberEvent.objects.get(member=g, type="away_started").voided_at is not None
    assert MirrorState.objects.get().cursor == "15.0.0"


def test_import_records_what_it_wrote(db):
    report = import_path(SAMPLE)
    assert report.ok, messages(report)
    written = AuditEntry.objects.get(action=AuditAction.INTERCHANGE_IMPORT).after["feed"]
    low, high = written["ranges"]["members"]
    assert Member.objects.filter(id__gt=low, id__lte=high).count() == Member.objects.count() == 10
    assert set(written["ranges"]) >= {"organizations", "localities", "member_events", "classes"}


def test_cursors_that_point_nowhere_answer_plainly(client, people, users):
    """A cursor of the right shape but not one the feed gave (inside an entry that is no import, past the
    end, an unknown phase) answers an ordinary page, never an error."""
    for since in ("3.4.7", "999999999.0.0", "1.99.0", "0.0.999999"):
        response = _get(client, users["admin"], since=since, limit=5)
        assert response.status_code == 200, (since, response.content)
        assert feed.Cursor.parse(response.json()["next"]) >= feed.Cursor.parse(since).__class__(
            feed.Cursor.parse(since).entry
        )


def test_a_restore_says_resync(client, people, users):
    from xaydungdang.core import audit

    audit.record(AuditAction.SYSTEM_RESTORE, model="ops.backup", object_repr="sao-luu.dump", note="Khôi phục")
    changes, _next = _all(client, users["viewer_u1"])
    assert changes[-1]["op"] == "resync" and changes[-1]["meta"] == {"reason": "Khôi phục cơ sở dữ liệu"}


def test_the_feed_speaks_every_column_of_the_format():
    """Each column of each interchange table is in the feed's rows (members' org_code/as_of come from the
    opening event), so a mirror loses nothing that an export would carry."""
    from xaydungdang.interchange.tables import TABLE_ORDER
    from xaydungdang.interchange.tables import TABLES as FORMAT

    for name in TABLE_ORDER:
        if name in feed.NOT_IN_FEED:
            continue
        missing = [c.name for c in FORMAT[name].columns if c.name not in feed.TABLES[name][1]]
        assert missing == (["org_code", "as_of"] if name == "members" else []), name


def test_fetch_page_sends_the_token_and_reports_the_sources_refusal(db, capsys):
    """mirror.fetch_page against a small HTTP server: the token as Bearer, since and limit in the query; an
    error of the source comes back as its Vietnamese message."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen = []

    class Source(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers["Authorization"]))
            ok = self.headers["Authorization"] == "Bearer xdd_good"
            body = (
                {"changes": [], "next": "5.0.0", "more": False, "settled": True}
                if ok
                else {"message": "Mã đã hết hạn."}
            )
            data = json.dumps(body).encode()
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Source)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/api/v1/changes/"
        assert mirror.fetch_page(url, "xdd_good", "4.0.0", 20)["next"] == "5.0.0"
        assert seen[0] == ("/api/v1/changes/?since=4.0.0&limit=20", "Bearer xdd_good")
        with pytest.raises(mirror.MirrorError, match="Nguồn trả lời lỗi 401 .*: Mã đã hết hạn."):
            mirror.fetch_page(url, "xdd_old", "", 20)
        from xaydungdang import cli

        capsys.readouterr()
        assert cli.main(["mirror", "--from", f"http://127.0.0.1:{server.server_port}", "--token", "xdd_old"]) == 1
        said = capsys.readouterr()
        assert said.err.startswith("Nguồn trả lời lỗi 401") and "Traceback" not in said.err
        assert cli.main(["mirror", "--from", f"http://127.0.0.1:{server.server_port}/", "--token", "xdd_good"]) == 0
        assert "Đã đồng bộ đến con trỏ 5.0.0: tổng 0 thay đổi đã áp dụng." in capsys.readouterr().out
    finally:
        server.shutdown()
        server.server_close()


def test_an_imported_expulsion_travels_with_its_member(client, tree, users):
    """A member expelled (a discipline, not an event) and restored later in one import: the expulsion is served
    with the member's own events, so a mirror applying page by page can replay the restoration."""
    from xaydungdang.interchange.importer import import_tables

    member = {
        "member_no": "K001",
        "full_name": "Mai Văn Khai",
        "gender": "male",
        "birth_date": D(1980, 1, 1),
        "ethnicity": "Kinh",
        "joined_on": D(2005, 1, 1),
        "official_on": D(2006, 1, 1),
        "org_code": "C1",
        "as_of": D(2015, 1, 1),
    }
    report = import_tables(
        {
            "organizations": [],
            "members": [member, member | {"member_no": "K002", "full_name": "Mai Văn Hai"}],
            "disciplines": [
                {
                    "decided_by": "G1",
                    "subject_type": "member",
                    "subject": "K001",
                    "level": "expulsion",
                    "decided_on": D(2019, 1, 1),
                },
                {
                    "decided_by": "G1",
                    "subject_type": "member",
                    "subject": "K002",
                    "level": "reprimand",
                    "decided_on": D(2019, 1, 1),
                },
            ],
            "member_events": [{"member_no": "K001", "type": "restored", "on": D(2021, 1, 1), "org_code": "C1"}],
        }
    )
    assert report.ok, messages(report)
    changes, _next = _all(client, users["admin"], limit=2)
    imported = [
        (c["table"], c["key"].get("member_no") or c["key"].get("subject"))
        for c in changes
        if c["action"] == "interchange.import"
    ]
    assert imported == [
        ("members", "K001"),
        ("member_events", "K001"),
        ("disciplines", "K001"),
        ("members", "K002"),
        ("disciplines", "K002"),
    ]
