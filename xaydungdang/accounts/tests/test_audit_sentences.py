"""The audit trail and the member's log read as Vietnamese sentences (issue 12 item 3): one phrase
per AuditAction, field names and values in words, no raw JSON, no server path, no "from"/"to"."""

import csv
import datetime as dt
import io
import re

from django.urls import reverse

from xaydungdang.accounts import audit_trail
from xaydungdang.core import audit
from xaydungdang.core.auditactions import DESCRIPTIONS, AuditAction
from xaydungdang.core.context import Actor, acting_as
from xaydungdang.core.models import AuditEntry
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

D = dt.date


def test_every_action_has_a_phrase():
    assert set(DESCRIPTIONS) == set(AuditAction)
    for action, phrase in DESCRIPTIONS.items():
        assert phrase and phrase[0].islower(), action
        assert phrase.count("[") == phrase.count("]"), action


def test_the_table_labels_match_the_interchange_tables():
    from xaydungdang.interchange.tables import TABLES

    assert set(audit_trail.TABLE_LABELS) == set(TABLES)


def _entry(action, user=None, **kwargs) -> AuditEntry:
    with acting_as(Actor(user=user, ip="10.0.0.1", via="web")):
        return audit.record(action, **kwargs)


def test_report_export_sentence(users, tree):
    user = users["staff_p"]
    user.first_name = "Nguyễn Văn A"
    user.save()
    entry = _entry(
        AuditAction.REPORT_XLSX,
        user,
        model="organizations.organization",
        object_id=tree["G1"].id,
        object_repr=tree["G1"].name,
        org_id=tree["G1"].id,
        after={"kind": "annual", "from": "2023-01-01", "to": "2023-12-31", "format": "xlsx", "bytes": 1234},
    )
    who = audit_trail.user_names([entry])[user.id]
    assert (
        audit_trail.sentence(entry, who, tree["G1"].name)
        == "Nguyễn Văn A xuất báo cáo năm 2023 của Đảng bộ xã Một dạng XLSX"
    )
    lines = {c.label: c.after for c in audit_trail.changes(entry)}
    assert lines["từ ngày"] == "01/01/2023" and lines["đến ngày"] == "31/12/2023"
    assert lines["loại"] == "báo cáo năm" and lines["định dạng"] == "XLSX"
    half = _entry(AuditAction.REPORT_PDF, user, org_id=tree["P"].id, after={"from": "2024-01-01", "to": "2024-06-30"})
    assert audit_trail.sentence(half, "A", "Tỉnh") == "A xuất báo cáo từ 01/01/2024 đến 30/06/2024 của Tỉnh dạng PDF"


def test_login_and_missing_parts(users):
    entry = _entry(AuditAction.LOGIN_SUCCESS, users["staff_p"])
    assert audit_trail.sentence(entry) == "canbo_tinh đăng nhập thành công"
    bare = _entry(AuditAction.REPORT_VIEW, None)
    assert audit_trail.sentence(bare) == "(ẩn danh) xem báo cáo"


def test_import_entry_has_no_server_path_and_no_json(users):
    entry = _entry(
        AuditAction.INTERCHANGE_IMPORT,
        users["admin"],
        model="interchange.dataset",
        object_repr="upload.xlsx",
        after={"source": "/srv/xdd/media/imports/3f2a/upload.xlsx", "counts": {"members": 2, "member_events": 2}},
        note="Nhập bộ dữ liệu: members 2, member_events 2",
    )
    view = audit_trail.shown(entry)
    text = " ".join(f"{c.label}: {c.before} {c.after}" for c in view.changes) + " " + view.note
    assert "/srv" not in text and "{" not in text and "members" not in text
    assert "số dòng theo bảng: — đảng viên: 2; biến động đảng viên: 2" in text
    assert "tệp: — upload.xlsx" in text
    assert view.note == "Nhập bộ dữ liệu: đảng viên 2, biến động đảng viên 2"


def test_member_values_in_words(people):
    entry = AuditEntry.objects.filter(member_id=people["binh"].id, action="member.opening").get()
    lines = {c.label: c.after for c in audit_trail.changes(entry)}
    assert lines["giới tính"] == "Nữ"
    assert [v for k, v in lines.items() if k.startswith("kết nạp ngoài độ tuổi")] == ["không"]
    assert lines["ngày sinh"] == "03/02/1985"


def test_trail_page_and_csv_read_as_sentences(client_for, people):
    client = client_for("admin")
    page = re.sub(r"<[^>]+>", " ", client.get(reverse("accounts:audit")).content.decode())  # the text read
    assert "nhập hồ sơ đảng viên Đặng Thị Bình (M002) (số dư đầu kỳ)" in page
    assert "member.opening" not in page
    response = client.get(reverse("accounts:audit-export"), {"dinh_dang": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert "Nội dung" in rows[0] and "Mã thao tác" not in rows[0]
    text = "\n".join(",".join(r) for r in rows)
    assert "member.opening" not in text and "female" not in text and "False" not in text


def test_dossier_log_reads_as_sentences(client_for, people):
    page = client_for("staff_p").get(reverse("web:member_detail", args=[people["binh"].pk])).content.decode()
    log = page[page.index("Nhật ký thay đổi") :]
    assert "nhập hồ sơ đảng viên Đặng Thị Bình (M002) (số dư đầu kỳ)" in log
    assert "member.opening" not in log and "female" not in log and "False" not in log
    assert "tôn giáo" not in log  # nothing before, nothing after: not listed
    assert "giới tính: Nữ" in log and "kết nạp ngoài độ tuổi (có văn bản đồng ý của cấp có thẩm quyền): không" in log


def test_trail_page_looks_references_up_once_per_page(client_for, users, tree, people):
    """Organizations and members named by id in the entries' changes are looked up in one query
    each for the whole page (not one per id per entry): 30 entries naming 30 ids cost no more
    queries than 3 entries naming 3."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    orgs = [tree["C1"], tree["C2"], tree["GC"]]
    members = [people["an"], people["binh"], people["chau"]]
    client = client_for("admin")

    def page_queries(count: int) -> tuple[int, str]:
        for n in range(count):
            _entry(
                AuditAction.MEMBER_UPDATE,
                users["admin"],
                model="members.memberevent",
                object_repr=f"biến động {n}",
                after={"org_id": orgs[n % 3].id, "member_id": members[n % 3].id},
            )
        with CaptureQueriesContext(connection) as ctx:
            text = client.get(reverse("accounts:audit")).content.decode()
        return len(ctx.captured_queries), text

    few, _ = page_queries(3)
    many, text = page_queries(27)
    assert many <= few + 2, (few, many)
    assert tree["C2"].name in text and f"số lý lịch {members[1].member_no}" in text
    assert audit_trail.prefetch_references(AuditEntry.objects.filter(object_repr__startswith="biến động")) == {
        **{(type(o), o.id): o.name for o in orgs},
        **{(type(m), m.id): f"số lý lịch {m.member_no}" for m in members},
    }
