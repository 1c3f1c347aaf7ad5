"""Transfer pages: one record seen by both sides and by nobody else, each side acting only on its
own step, the letter (DOCX) and the register (XLSX, DOCX) with the events recorded without a
Transfer, bad input answered in Vietnamese under its field."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from xaydungdang.members import actions as member_actions
from xaydungdang.transfers import actions
from xaydungdang.transfers.models import Kind, State, Transfer
from xaydungdang.web.tests.conftest import PASSWORD

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def third(tree):
    """A secretary of C2: a third unit, neither side of a C1 → GC transfer."""
    from xaydungdang.accounts.actions import create_user

    return create_user("bithu_c2", tree["C2"], "secretary", PASSWORD, validate_password=False)


@pytest.fixture
def outgoing(people, tree):
    return actions.start_transfer(
        people["an"],
        {"kind": Kind.OFFICIAL, "reason": "new_job", "moved_on": D(2026, 3, 2), "to_cell_id": tree["GC"].id},
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_one_record_both_sides_see_and_a_third_unit_does_not(client, users, third, outgoing):
    detail, letter = f"/chuyen-sinh-hoat/{outgoing.pk}/", f"/chuyen-sinh-hoat/{outgoing.pk}/giay-gioi-thieu.docx"
    client.force_login(users["secretary_c1"])
    page = client.get("/chuyen-sinh-hoat/").content.decode()
    assert "Nguyễn Văn An" in page.split('id="chuyen-di"')[1]
    assert client.get(detail).status_code == 200
    assert client.get(letter).status_code == 404  # no letter yet
    actions.issue_letter(outgoing, "15", D(2026, 3, 6))
    client.force_login(users["staff_u2"])  # the receiving side (GC is under U2)
    page = client.get("/chuyen-sinh-hoat/").content.decode()
    incoming = page.split('id="chuyen-den"')[1].split('id="chuyen-di"')[0]
    assert "Nguyễn Văn An" in incoming and "Số 15, 06/03/2026" in incoming
    assert "Nguyễn Văn An" not in page.split('id="chuyen-di"')[1]
    assert client.get(detail).status_code == 200 and client.get(letter).status_code == 200
    client.force_login(third)
    page = client.get("/chuyen-sinh-hoat/").content.decode()
    assert "Nguyễn Văn An" not in page and "M001" not in page
    for url in (detail, letter, f"{detail}tiep-nhan/", f"{detail}huy/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{detail}tiep-nhan/", {"presented_on": "10/03/2026"}).status_code == 404
    assert Transfer.objects.get(pk=outgoing.pk).state == State.ISSUED


def test_each_side_acts_only_on_its_own_step(client, users, people, tree, outgoing):
    detail = f"/chuyen-sinh-hoat/{outgoing.pk}/"
    client.force_login(users["staff_u2"])  # receiver: may not issue for U1
    assert client.get(f"{detail}cap-giay/").status_code == 403
    client.force_login(users["secretary_c1"])  # the sending cell: the committee issues, not the cell
    assert "cap-giay" not in client.get(detail).content.decode()
    assert client.post(f"{detail}cap-giay/", {"letter_no": "1", "letter_on": "06/03/2026"}).status_code == 403
    client.force_login(users["staff_u1"])
    bad = client.post(f"{detail}cap-giay/", {"letter_no": "", "letter_on": "31/02/2026", "version": 1})
    assert bad.status_code == 200 and "Ngày không có thật" in bad.content.decode()
    early = client.post(f"{detail}cap-giay/", {"letter_no": "16", "letter_on": "01/03/2026", "version": 1})
    assert "trước ngày chuyển 02/03/2026" in early.content.decode()
    done = client.post(f"{detail}cap-giay/", {"letter_no": "16", "letter_on": "06/03/2026", "version": 1})
    assert done.status_code == 302
    issued = Transfer.objects.get(pk=outgoing.pk)
    assert (issued.issuer_id, issued.issued_by) == (tree["U1"].id, "Huyện ủy Một")
    # The sender may not accept for the receiving cell.
    client.force_login(users["secretary_c1"])
    assert client.post(f"{detail}tiep-nhan/", {"presented_on": "10/03/2026", "version": 2}).status_code == 403
    client.force_login(users["staff_u2"])
    accepted = client.post(f"{detail}tiep-nhan/", {"presented_on": "10/03/2026", "version": 2})
    assert accepted.status_code == 302
    people["an"].refresh_from_db()
    assert people["an"].current_cell_id == tree["GC"].id


def test_start_form_checks_in_vietnamese(client_for, people):
    client = client_for("secretary_c1")
    page = client.post(
        "/chuyen-sinh-hoat/lap/",
        {
            "member_no": "M001",
            "kind": "temporary_work",
            "reason": "work",
            "moved_on": "01/03/2026",
            "until": "01/04/2026",
            "to_cell": "ZZ",
        },
    ).content.decode()
    assert "Không có chi bộ nào mã “ZZ”" in page
    page = client.post(
        "/chuyen-sinh-hoat/lap/",
        {
            "member_no": "M001",
            "kind": "temporary_work",
            "reason": "work",
            "moved_on": "01/03/2026",
            "until": "01/04/2026",
            "to_cell": "GC",
        },
    ).content.decode()
    assert 'id="id_until_errors"' in page and "chưa đủ 3 tháng" in page
    other = client.post(
        "/chuyen-sinh-hoat/lap/",
        {
            "member_no": "M005",
            "kind": "official",
            "reason": "new_job",
            "moved_on": "01/03/2026",
            "to_place": "Tỉnh Cà Mau",
        },
    )
    assert "Không có đảng viên nào số lý lịch này" in other.content.decode()
    made = client.post(
        "/chuyen-sinh-hoat/lap/",
        {
            "member_no": "M001",
            "kind": "official",
            "reason": "retirement",
            "moved_on": "01/03/2026",
            "to_place": "Đảng bộ phường Bến Nghé",
            "counterpart": "other_province",
        },
    )
    assert made.status_code == 302 and Transfer.objects.get().to_place == "Đảng bộ phường Bến Nghé"


def test_letter_names_the_dated_body_and_the_member(client_for, people, tree, outgoing):
    actions.issue_letter(outgoing, "15", D(2026, 3, 6))
    content = client_for("secretary_c1").get(f"/chuyen-sinh-hoat/{outgoing.pk}/giay-gioi-thieu.docx")
    assert content["Content-Type"].endswith("wordprocessingml.document")
    text = docx_text(content.content)
    assert "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG" in text and "HUYỆN ỦY MỘT" in text
    assert "ĐẢNG BỘ TỈNH THỬ\nHUYỆN ỦY MỘT" in text  # the issuer's parent above it (36-HD/VPTW)
    assert "Kính gửi: Chi bộ Trường Tiểu học" in text and "Nguyễn Văn An" in text and "M001" in text
    # "Số 15-GGT": a party document's number has no colon (36-HD/VPTW, rules.md §10: "Số 127-QĐ/TW").
    assert "Số 15-GGT" in text and "Số:" not in text and "Một, ngày 6 tháng 3 năm 2026" in text  # Huyện ủy Một's
    assert "17/04/2026" in text  # valid 30 working days: 6/3/2026 + 30 (30/4, 1/5 off) = 17/4/2026


def test_register_lists_letters_and_events_without_a_transfer(client_for, people, tree, outgoing):
    actions.issue_letter(outgoing, "15", D(2026, 3, 6))
    # An event recorded without a Transfer (as an import would), and one of another year.
    member_actions.transfer(people["dung"], tree["C1"], D(2026, 5, 4), letter_no="8/GT", letter_on=D(2026, 4, 28))
    member_actions.transfer_out(people["binh"], D(2025, 12, 1), other_place="Tỉnh Cà Mau")
    client = client_for("staff_u1")
    response = client.get("/chuyen-sinh-hoat/so-gioi-thieu/?to_chuc=U1&nam=2026&dinh_dang=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0].startswith("SỔ GIỚI THIỆU SINH HOẠT ĐẢNG") and "năm 2026" in rows[1][0]
    assert rows[3] == [
        "STT",
        "Họ và tên",
        "Số lý lịch",
        "Chi bộ",
        "Nơi chuyển đến",
        "Số giấy giới thiệu",
        "Ngày cấp giấy",
        "Ngày nộp giấy",
        "Ghi chú",
    ]
    body = rows[4:]
    assert [r[:7] for r in body] == [
        [1, "Nguyễn Văn An", "M001", "Chi bộ ấp Một", "Chi bộ Trường Tiểu học", "15", "06/03/2026"],
        [2, "Lê Văn Dũng", "M004", "Chi bộ ấp Hai", "Chi bộ ấp Một", "8/GT", "28/04/2026"],
    ]
    assert "Cấp giấy: Huyện ủy Một" in body[0][8] and "chính thức ngày 04/05/2026" in body[1][8]
    docx = client.get("/chuyen-sinh-hoat/so-gioi-thieu/?to_chuc=U1&nam=2026&dinh_dang=docx")
    text = docx_text(docx.content)
    assert "Mẫu 10-SHĐ" in text and "Lê Văn Dũng" in text and "Đặng Thị Bình" not in text
    last_year = load_workbook(io.BytesIO(client.get("/chuyen-sinh-hoat/so-gioi-thieu/?to_chuc=U1&nam=2025").content))
    assert [r[1] for r in last_year.active.iter_rows(min_row=5, values_only=True)] == ["Đặng Thị Bình"]
    # Another unit's register is not reachable; the form page without a unit answers.
    assert client.get("/chuyen-sinh-hoat/so-gioi-thieu/?to_chuc=U2&nam=2026").status_code == 404
    assert client.get("/chuyen-sinh-hoat/so-gioi-thieu/?nam=abc").status_code == 200


def test_register_is_formula_safe(client_for, people, tree):
    from xaydungdang.conftest import person
    from xaydungdang.web.tests.test_hostile_spreadsheets import HYPERLINK, check_xlsx

    hostile = member_actions.enter_member(person("H001", HYPERLINK), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    member_actions.transfer_out(hostile, D(2026, 2, 2), other_place="+1+1", letter_no="@SUM(1)")
    content = client_for("staff_u1").get("/chuyen-sinh-hoat/so-gioi-thieu/?to_chuc=U1&nam=2026").content
    seen = check_xlsx(content, "register")
    assert "'" + HYPERLINK in seen and "'+1+1" in seen


def test_the_lists_filtered_by_a_unit_show_its_side(client_for, outgoing):
    actions.issue_letter(outgoing, "15", D(2026, 3, 6))
    client = client_for("staff_p")
    receiving = client.get("/chuyen-sinh-hoat/?to_chuc=U2").content.decode()
    assert "Nguyễn Văn An" in receiving.split('id="chuyen-den"')[1].split('id="chuyen-di"')[0]
    assert "Nguyễn Văn An" not in receiving.split('id="chuyen-di"')[1]
    sending = client.get("/chuyen-sinh-hoat/?to_chuc=G1").content.decode()
    assert "Nguyễn Văn An" in sending.split('id="chuyen-di"')[1]
    assert "Nguyễn Văn An" not in sending.split('id="chuyen-den"')[1].split('id="chuyen-di"')[0]
    unknown = client_for("secretary_c1").get("/chuyen-sinh-hoat/?to_chuc=U2").content.decode()
    assert "đang hiển thị tất cả" in unknown and "Huyện Hai" not in unknown


def test_the_dossier_lists_the_transfers_and_starts_one(client_for, people, outgoing):
    page = client_for("secretary_c1").get(f"/dang-vien/{people['an'].pk}/").content.decode()
    card = page.split('id="chuyen-sinh-hoat"')[1]
    assert f"/chuyen-sinh-hoat/{outgoing.pk}/" in card and "Chi bộ Trường Tiểu học" in card
    assert "/chuyen-sinh-hoat/lap/?dang_vien=M001" in card
    start = client_for("secretary_c1").get("/chuyen-sinh-hoat/lap/?dang_vien=M001").content.decode()
    assert 'value="M001"' in start


def test_a_letter_dated_before_294_is_issued_by_the_grassroots_committee(client, tree, people):
    from xaydungdang.accounts.actions import create_user

    g1 = create_user("canbo_xa_mot", tree["G1"], "staff", PASSWORD, validate_password=False)
    transfer = actions.start_transfer(
        people["binh"],
        {"kind": Kind.OFFICIAL, "reason": "permanent_move", "moved_on": D(2025, 6, 2), "to_cell_id": tree["C2"].id},
    )
    client.force_login(g1)
    url = f"/chuyen-sinh-hoat/{transfer.pk}/cap-giay/"
    assert "cap-giay" in client.get(f"/chuyen-sinh-hoat/{transfer.pk}/").content.decode()
    # Dated from 1/7/2025 the upper committee (U1) issues: refused for the đảng ủy xã.
    assert client.post(url, {"letter_no": "3", "letter_on": "01/07/2025", "version": 1}).status_code == 403
    assert client.post(url, {"letter_no": "3", "letter_on": "30/06/2025", "version": 1}).status_code == 302
    assert Transfer.objects.get(pk=transfer.pk).issued_by == "Đảng ủy xã Một"


def test_a_bare_transfer_event_gets_its_record_from_the_dossier(client_for, people, tree):
    event = member_actions.record_event(
        people["binh"], "temporary_out", D(2026, 2, 2), other_place="Trường Chính trị tỉnh", letter_no="4"
    )
    client = client_for("secretary_c1")
    card = client.get(f"/dang-vien/{people['binh'].pk}/").content.decode().split('id="chuyen-sinh-hoat"')[1]
    url = f"/bien-dong/{event.pk}/ho-so-chuyen/"
    assert url in card and "ghi không qua thủ tục" in card
    bad = client.post(url, {"kind": "temporary_study", "reason": "study", "until": "01/01/2030"})
    assert "tối đa 2 năm" in bad.content.decode()
    done = client.post(url, {"kind": "temporary_study", "reason": "study", "until": "30/06/2026"})
    assert done.status_code == 302
    made = Transfer.objects.get(event=event)
    assert (made.state, made.to_place, made.letter_no) == (State.ISSUED, "Trường Chính trị tỉnh", "4")
    card = client.get(f"/dang-vien/{people['binh'].pk}/").content.decode().split('id="chuyen-sinh-hoat"')[1]
    assert url not in card and f"/chuyen-sinh-hoat/{made.pk}/" in card
    assert client_for("staff_u2").get(url).status_code == 404
