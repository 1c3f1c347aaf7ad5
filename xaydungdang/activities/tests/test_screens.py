"""The activity tables on the generic screens (core/generic.py): each app registers its tables with
its own form, django-tables2 table and django-filter filterset; lists filter (organization within
the scope, year, state, each table's own), sort and paginate; the export is the filtered list, never
another subtree's records, and each export is audited.

Tree (xaydungdang/conftest.py): P > U1 > G1 > C1, C2; P > U2 > GC. Members: an, binh, chau (C1),
dung (C2), em, giang (GC)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.activities import actions as activity_actions
from xaydungdang.activities.models import TrainingClass
from xaydungdang.core.generic import ActivityFilterSet, ActivityTable, activities, by_slug
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspections import actions as inspection_actions
from xaydungdang.members.recordforms import ActivityForm
from xaydungdang.web.tests.conftest import _fast_passwords, client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

D = dt.date
SLUGS = [
    "lop-hoc",
    "kiem-tra",
    "ky-luat",
    "xep-loai",
    "sang-loc",
    "chi-tieu",
    "doi-thoai",
    "van-ban",
    "khen-thuong",
    "can-bo",
    "sinh-hoat-tam-thoi",
]


def _class(org, kind, day, title, participants=10):
    return activity_actions.record_class(
        {
            "org_id": org.id,
            "kind": kind,
            "title": title,
            "started_on": day,
            "ended_on": None,
            "participants": participants,
        }
    )


def _rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def test_every_table_is_registered_by_its_app_in_the_index_order():
    assert [spec.slug for spec in activities()] == SLUGS
    for spec in activities():
        assert issubclass(spec.table, ActivityTable) and issubclass(spec.filterset, ActivityFilterSet)
        assert issubclass(spec.form, ActivityForm)
        app = spec.model._meta.app_label
        if app == "organizations":  # temporary arrivals: the record forms need members, so activities screens them
            app = "activities"
        for part in (spec.table, spec.filterset, spec.form, spec.record):
            assert part.__module__.startswith(f"xaydungdang.{app}."), (spec.slug, part)
    assert by_slug("khong-co") is None


def test_index_links_every_table(client_for, tree):
    page = client_for("staff_u1").get(reverse("web:activity_index"), {"to_chuc": "G1"}).content.decode()
    for slug in SLUGS:
        assert reverse("web:activity_list", args=[slug]) + "?to_chuc=G1" in page


def test_list_filters_by_organization_year_state_and_kind(client_for, tree, people):
    _class(tree["G1"], "thematic", D(2023, 4, 1), "Chuyên đề G1")
    _class(tree["G1"], "other", D(2024, 4, 1), "Lớp khác G1")
    voided = _class(tree["C1"], "thematic", D(2024, 5, 1), "Lớp chi bộ")
    activity_actions.void(voided, "Trùng")
    _class(tree["GC"], "thematic", D(2023, 6, 1), "Lớp của GC")
    client = client_for("staff_p")
    url = reverse("web:activity_list", args=["lop-hoc"])

    def titles(**query):
        page = client.get(url, query).content.decode()
        return {t for t in ("Chuyên đề G1", "Lớp khác G1", "Lớp chi bộ", "Lớp của GC") if t in page}

    assert titles() == {"Chuyên đề G1", "Lớp khác G1", "Lớp chi bộ", "Lớp của GC"}
    assert titles(to_chuc="U1") == {"Chuyên đề G1", "Lớp khác G1", "Lớp chi bộ"}  # the subtree
    assert titles(to_chuc="C1") == {"Lớp chi bộ"}
    assert titles(nam="2023") == {"Chuyên đề G1", "Lớp của GC"}
    assert titles(kind="thematic", to_chuc="U1") == {"Chuyên đề G1", "Lớp chi bộ"}
    assert titles(trang_thai="huy") == {"Lớp chi bộ"}
    assert titles(trang_thai="con", nam="2024") == {"Lớp khác G1"}
    # A kind that does not exist: nothing, and the field says why.
    page = client.get(url, {"kind": "khong-co"}).content.decode()
    assert titles(kind="khong-co") == set() and "errorlist" in page


def test_a_code_outside_the_scope_is_a_warning_and_lists_nothing(client_for, tree, people):
    _class(tree["GC"], "thematic", D(2023, 6, 1), "Lớp của GC")
    _class(tree["G1"], "thematic", D(2023, 6, 1), "Lớp của G1")
    page = client_for("staff_u1").get(reverse("web:activity_list", args=["lop-hoc"]), {"to_chuc": "GC"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Không có tổ chức nào có tên hoặc mã “GC” trong phạm vi được phân quyền." in text
    assert "Lớp của GC" not in text and "Lớp của G1" not in text and "0 bản ghi." in text


def test_the_year_is_bounded_like_before(client_for, tree):
    page = client_for("staff_u1").get(reverse("web:activity_list", args=["xep-loai"]), {"nam": "1929"})
    assert "Năm “1929” không hợp lệ (cần một số từ 1930 đến 2200); đã bỏ qua giá trị này." in page.content.decode()


def test_lists_sort_and_paginate(client_for, tree):
    TrainingClass.objects.bulk_create(
        [
            TrainingClass(
                org=tree["G1"],
                kind="other",
                title=f"Lớp số {i:02d}",
                started_on=D(2023, 1, 1) + dt.timedelta(days=i),
                participants=i,
            )
            for i in range(51)
        ]
    )
    client = client_for("staff_u1")
    url = reverse("web:activity_list", args=["lop-hoc"])
    first = client.get(url).content.decode()
    assert "51 bản ghi." in first and "Lớp số 50" in first and "Lớp số 00" not in first  # newest first, 50 a page
    second = client.get(url, {"page": "2"}).content.decode()
    assert "Lớp số 00" in second and "Lớp số 50" not in second
    by_title = client.get(url, {"sort": "title"}).content.decode()
    assert "Lớp số 00" in by_title and "Lớp số 50" not in by_title
    by_people = client.get(url, {"sort": "-participants"}).content.decode()
    assert by_people.index("Lớp số 50") < by_people.index("Lớp số 49")


def test_export_is_the_filtered_list_in_the_listed_order_and_is_audited(client_for, tree, people):
    _class(tree["G1"], "thematic", D(2023, 4, 1), "Chuyên đề", participants=1200)
    _class(tree["G1"], "other", D(2024, 4, 1), "Lớp khác")
    _class(tree["C1"], "thematic", D(2024, 5, 1), "Lớp chi bộ")
    response = client_for("staff_u1").get(
        reverse("web:activity_export", args=["lop-hoc"]), {"kind": "thematic", "sort": "started_on"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="lop-hoc-')
    rows = _rows(response.content)
    assert rows[0][0] == "Lớp học, học tập, quán triệt"
    assert rows[1][0] == "Lọc: Loại lớp: Học tập chuyên đề"
    header = rows.index(("Ngày khai giảng", "Đơn vị", "Loại lớp", "Tên lớp", "Lượt người"))
    body = rows[header + 1 :]
    assert [row[3] for row in body] == ["Chuyên đề", "Lớp chi bộ"]  # oldest first, as sorted
    assert body[0][0] == dt.datetime(2023, 4, 1) and body[0][4] == 1200  # real dates and numbers
    entry = AuditEntry.objects.filter(action="activity.export").latest("id")
    assert entry.username == "canbo_u1" and entry.model == "activities.trainingclass"
    assert entry.after == {"table": "lop-hoc", "filters": {"kind": "thematic", "sort": "started_on"}, "rows": 2}


def test_export_never_holds_another_subtrees_records(client_for, tree, people):
    em = people["em"]
    inspection_actions.record_discipline(
        {
            "decided_by_id": tree["U2"].id,
            "level": "reprimand",
            "reason": "",
            "decided_on": D(2023, 3, 1),
            "subject_type": "member",
            "subject_member_id": em.id,
            "subject_org_id": None,
        }
    )
    inspection_actions.record_discipline(
        {
            "decided_by_id": tree["G1"].id,
            "level": "warning",
            "reason": "",
            "decided_on": D(2023, 3, 1),
            "subject_type": "member",
            "subject_member_id": people["an"].id,
            "subject_org_id": None,
        }
    )
    url = reverse("web:activity_export", args=["ky-luat"])

    def names(who, **query):
        text = " ".join(str(v) for row in _rows(client_for(who).get(url, query).content) for v in row)
        return {n for n in ("Phạm Thị Em", "Nguyễn Văn An") if n in text}

    assert names("staff_u2") == {"Phạm Thị Em"}  # the probe is meaningful: the record is exported to its subtree
    for who in ("staff_u1", "secretary_c1", "viewer_u1"):
        assert names(who) == {"Nguyễn Văn An"}
        assert names(who, to_chuc="U2") == set() and names(who, to_chuc="GC") == set()
    assert AuditEntry.objects.filter(action="activity.export").count() == 10


def test_void_page_summarises_the_record_as_listed(client_for, tree, people):
    klass = _class(tree["G1"], "thematic", D(2023, 4, 1), "Chuyên đề 2023")
    page = client_for("staff_u1").get(reverse("web:activity_void", args=["lop-hoc", klass.pk])).content.decode()
    assert "01/04/2023 · Đảng bộ xã Một · Học tập chuyên đề · Chuyên đề 2023." in page
