"""The report workspace (issue 13 items 4 and 5): drafts with written sections and targets, kept
revisions, issuing that freezes the figures, reopening as a new edition, requests to subordinate
units, submission and lateness, passages pulled into the upper level's draft; scope and audit.

Tree of xaydungdang/conftest.py: P > U1 (G1 > C1, C2), U2 (GC); members of web/tests/conftest.py."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from xaydungdang.conftest import person
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError, PermissionDenied
from xaydungdang.core.models import AuditEntry
from xaydungdang.reports import actions, workspace
from xaydungdang.reports.models import ReportDraft
from xaydungdang.web.tests.conftest import _fast_passwords, client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2023, 1, 1), D(2023, 12, 31)


def _draft(tree, users, org="U1", **kwargs):
    return actions.do_open_draft(tree[org], "annual", START, END, acting_user=users["staff_" + org.lower()], **kwargs)


def test_saves_are_kept_as_revisions_and_the_text_goes_into_the_document(tree, people, users):
    draft = _draft(tree, users)
    assert _draft(tree, users).pk == draft.pk  # the open draft of the same unit and period
    actions.do_save_draft(draft, {"assessment": "Lần một."}, {}, acting_user=users["staff_u1"])
    revision = actions.do_save_draft(
        draft,
        {"assessment": "Nhìn chung hoàn thành tốt.", "lessons": "Phải sâu sát cơ sở.", "bogus": "x"},
        {"admissions": "12", "orgs_good_pct": "90,5"},
        acting_user=users["staff_u1"],
    )
    draft.refresh_from_db()
    assert revision.no == 2
    assert [r.sections.get("assessment") for r in draft.revisions.all()] == ["Nhìn chung hoàn thành tốt.", "Lần một."]
    assert draft.sections == {"assessment": "Nhìn chung hoàn thành tốt.", "lessons": "Phải sâu sát cơ sở."}
    assert draft.targets == {"admissions": 12, "orgs_good_pct": 90.5}
    report = workspace.build(draft)
    texts = [getattr(b, "text", "") for b in report.body]
    assert "Nhìn chung hoàn thành tốt." in texts
    assert any(t.endswith(". ĐÁNH GIÁ CHUNG") for t in texts)
    assert "CHỈ TIÊU NĂM 2024" in " ".join(texts)
    assert "- Kết nạp đảng viên mới: 12 đảng viên." in texts
    assert report.body[-1].style == "closing"  # the closing line stays last
    with pytest.raises(DomainError, match="không phải là một số"):
        actions.do_save_draft(draft, {}, {"admissions": "mười"}, acting_user=users["staff_u1"])


def test_issue_freezes_the_figures_and_a_reopened_report_is_a_new_edition(tree, people, users, client_for):
    from xaydungdang.members import actions as members

    staff = users["staff_u1"]
    draft = _draft(tree, users)
    actions.do_save_draft(draft, {"assessment": "Đánh giá năm 2023."}, {}, acting_user=staff)
    with pytest.raises(DomainError, match="trước ngày kết thúc"):
        actions.do_issue(draft, "12", D(2023, 6, 1), acting_user=staff)
    actions.do_issue(draft, "12", D(2024, 1, 10), "Nguyễn Văn Bí thư", acting_user=staff)
    draft.refresh_from_db()
    assert draft.is_issued and draft.number == "12" and draft.data_version.startswith("o.")
    frozen_total = draft.frozen["data"]["indicators"]["members.total"]
    assert frozen_total == 4
    # A member recorded later (back-dated into 2023) changes the live figures, not the issued ones.
    members.enter_member(person("M099", "Võ Văn Mới"), entry="opening", cell=tree["C1"], on=D(2023, 5, 1))
    assert workspace.build(draft).data["indicators"]["members.total"] == 4
    with pytest.raises(DomainError, match="chỉ có thể mở lại"):
        actions.do_save_draft(draft, {"assessment": "Sửa."}, {}, acting_user=staff)
    new = actions.do_reopen(draft, acting_user=staff)
    assert (new.edition, new.reopened_from_id, new.is_issued) == (2, draft.pk, False)
    assert new.sections == {"assessment": "Đánh giá năm 2023."}
    assert workspace.build(new).data["indicators"]["members.total"] == 5
    with pytest.raises(DomainError, match="đã được mở lại"):
        actions.do_reopen(draft, acting_user=staff)
    # The issued edition still renders its frozen figures, with the number, in DOCX.
    from docx import Document

    response = client_for("staff_u1").get(reverse("web:report_draft_download", args=[draft.pk, "docx"]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Đánh giá năm 2023." in text and "12-BC/" in text
    actions_done = set(AuditEntry.objects.filter(action__startswith="report.").values_list("action", flat=True))
    assert {"report.draft_open", "report.draft_save", "report.issue", "report.reopen", "report.docx"} <= actions_done
    entry = AuditEntry.objects.get(action="report.issue")
    assert entry.after["number"] == "12" and entry.after["data_version"] == draft.data_version


def test_scope_staff_write_viewers_read_others_see_nothing(tree, people, users, client_for):
    with pytest.raises(PermissionDenied):
        actions.do_open_draft(tree["U1"], "annual", START, END, acting_user=users["staff_u2"])
    with pytest.raises(PermissionDenied):
        actions.do_open_draft(tree["U1"], "annual", START, END, acting_user=users["viewer_u1"])
    draft = _draft(tree, users)
    url = reverse("web:report_draft", args=[draft.pk])
    viewer = client_for("viewer_u1")
    page = viewer.get(url)
    assert page.status_code == 200 and "Lưu dự thảo" not in page.content.decode()
    assert viewer.post(url, {"section_assessment": "x"}).status_code == 403
    assert viewer.post(reverse("web:report_draft_issue", args=[draft.pk]), {"so": "1"}).status_code == 403
    other = client_for("staff_u2")
    assert other.get(url).status_code == 404
    assert other.post(url, {"section_assessment": "x"}).status_code == 404
    draft.refresh_from_db()
    assert draft.sections == {}


def test_pages_open_save_and_issue(tree, people, users, client_for):
    client = client_for("staff_u1")
    index = client.get(reverse("web:report_workspace"))
    assert index.status_code == 200 and "Soạn báo cáo mới" in index.content.decode()
    bad = client.post(
        reverse("web:report_draft_open"), {"mo-to_chuc": "U1", "mo-kind": "annual", "mo-tu": "31/02/2023"}
    )
    assert bad.status_code == 400
    response = client.post(
        reverse("web:report_draft_open"),
        {"mo-to_chuc": "U1", "mo-kind": "annual", "mo-tu": "01/01/2023", "mo-den": "31/12/2023"},
    )
    draft = ReportDraft.objects.get()
    assert response.status_code == 302 and response.url == reverse("web:report_draft", args=[draft.pk])
    url = response.url
    client.post(url, {"section_assessment": "Hoàn thành tốt nhiệm vụ.", "target_admissions": "7"})
    page = client.get(url).content.decode()
    assert "Hoàn thành tốt nhiệm vụ." in page and "Tổng số đảng viên" in page  # the computed part, live
    bad = client.post(url, {"target_admissions": "bảy"})
    assert bad.status_code == 400 and "không phải là một số" in bad.content.decode()
    refused = client.post(reverse("web:report_draft_issue", args=[draft.pk]), {"so": "", "ngay": "10/01/2024"})
    assert refused.status_code == 400 and "Số báo cáo" in refused.content.decode()
    client.post(reverse("web:report_draft_issue", args=[draft.pk]), {"so": "5", "ngay": "10/01/2024"})
    draft.refresh_from_db()
    assert draft.number == "5" and draft.issued_on == D(2024, 1, 10)
    page = client.get(url).content.decode()
    assert "Đã ban hành" in page and "Lưu dự thảo" not in page
    response = client.post(reverse("web:report_draft_reopen", args=[draft.pk]))
    new = ReportDraft.objects.get(edition=2)
    assert response.url == reverse("web:report_draft", args=[new.pk])
    # The previous report's text is at hand when writing the next year's.
    nxt = actions.do_open_draft(tree["U1"], "annual", D(2024, 1, 1), D(2024, 12, 31), acting_user=users["staff_u1"])
    page = client.get(reverse("web:report_draft", args=[nxt.pk])).content.decode()
    assert "Báo cáo trước" in page and "Hoàn thành tốt nhiệm vụ." in page
    assert client.get(reverse("web:report_draft_download", args=[draft.pk, "exe"])).status_code == 404


def test_collecting_submission_lateness_and_pulled_passages(tree, people, users, client_for):
    staff_p = users["staff_p"]
    with pytest.raises(DomainError, match="Không thuộc"):
        actions.do_send_request(tree["U1"], [tree["GC"]], "annual", START, END, today(), acting_user=users["staff_u1"])
    on_time = actions.do_send_request(
        tree["P"],
        [tree["U1"], tree["U2"]],
        "annual",
        START,
        END,
        today() + dt.timedelta(days=5),
        "Nộp trước hạn.",
        acting_user=staff_p,
    )
    # The unit sees the request in the panel of /bao-cao/ and in the workspace, answers it and submits.
    u1 = client_for("staff_u1")
    assert "Yêu cầu báo cáo của cấp trên" in u1.get(reverse("web:reports")).content.decode()
    u1.post(reverse("web:report_draft_open"), {"yeu_cau": on_time.pk, "don_vi": "U1"})
    answer = ReportDraft.objects.get(org=tree["U1"])
    assert answer.request_id == on_time.pk
    with pytest.raises(DomainError, match="ít nhất một phần"):
        actions.do_submit(answer, acting_user=users["staff_u1"])
    u1.post(
        reverse("web:report_draft", args=[answer.pk]),
        {"section_assessment": "Huyện Một làm tốt.", "section_causes": "Do cấp ủy sâu sát."},
    )
    u1.post(reverse("web:report_draft_submit", args=[answer.pk]))
    answer.refresh_from_db()
    assert answer.submitted_at is not None
    # A unit outside the request cannot answer it.
    gc_staff = client_for("staff_u2")
    assert gc_staff.post(reverse("web:report_draft_open"), {"yeu_cau": on_time.pk, "don_vi": "U1"}).status_code == 404

    rows = {r["unit"].code: r["status"] for r in workspace.unit_status(on_time, today())}
    assert rows == {"U1": "Đã nộp", "U2": "Chưa nộp"}
    rows = {r["unit"].code: r["status"] for r in workspace.unit_status(on_time, today() + dt.timedelta(days=6))}
    assert rows == {"U1": "Đã nộp", "U2": "Quá hạn, chưa nộp"}
    overdue = actions.do_send_request(
        tree["P"], [tree["U1"]], "annual", START, END, today() - dt.timedelta(days=1), acting_user=staff_p
    )
    late = actions.do_open_draft(
        tree["U1"], "annual", D(2023, 1, 1), D(2023, 12, 31), request=overdue, acting_user=users["staff_u1"]
    )
    assert late.pk == answer.pk  # the same open draft answers; already submitted
    assert AuditEntry.objects.filter(action="report.submit").get().after["late"] is False

    # The upper level reads the text beside its own figures and pulls a passage into its draft.
    p = client_for("staff_p")
    page = p.get(reverse("web:report_request", args=[on_time.pk])).content.decode()
    assert "Huyện Một làm tốt." in page and "Tổng số đảng viên" in page and "Quá hạn" not in page
    assert "Mở dự thảo báo cáo của Đảng bộ tỉnh Thử" in page
    own = actions.do_open_draft(tree["P"], "annual", START, END, acting_user=staff_p)
    p.post(
        reverse("web:report_request_pull", args=[on_time.pk]),
        {"nguon": answer.pk, "dich": own.pk, "phan": "causes", "doan": "Do cấp ủy sâu sát."},
    )
    own.refresh_from_db()
    assert own.sections["causes"] == "Đảng bộ huyện Một: «Do cấp ủy sâu sát.»"
    assert own.revisions.count() == 1
    # Units that did not submit cannot be quoted; nor can a unit quote into a level above it.
    u2_draft = actions.do_open_draft(tree["U2"], "annual", START, END, request=on_time, acting_user=users["staff_u2"])
    with pytest.raises(DomainError, match="chưa nộp"):
        actions.do_pull_passage(u2_draft, own, "causes", "x", acting_user=staff_p)
    with pytest.raises(PermissionDenied):
        actions.do_pull_passage(answer, own, "causes", "x", acting_user=users["staff_u1"])
    assert AuditEntry.objects.filter(action="report.pull").count() == 1
    assert AuditEntry.objects.filter(action="report.request").count() == 2
