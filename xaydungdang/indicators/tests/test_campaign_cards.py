"""The campaign's party card numbers (indicators/campaign.py): a number that is not 8 digits and the
same number on two members, named in the text, JSON and XLSX outputs and on the page; the importer
still takes such numbers (spec/interchange.md: other programs' datasets must import)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.conftest import person
from xaydungdang.indicators import campaign
from xaydungdang.indicators.tests.test_campaign import FULL  # the forms' attributes, filled
from xaydungdang.members import actions
from xaydungdang.members.models import Member
from xaydungdang.web.tests.conftest import client_for, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date


def _member(no, name, cell, national_id, card):
    data = person(no, name, official_on=D(2017, 1, 1), national_id=national_id, **FULL)
    member = actions.enter_member(data, entry="opening", cell=cell, on=D(2018, 1, 1))
    # As an imported dataset may hold them: the web and the API refuse such numbers.
    Member.objects.filter(pk=member.pk).update(card_no=card)
    return member


@pytest.fixture
def cards(tree):
    """C1: a clean card, a 7-digit one, one with a letter, one shared with GC's member; C2: the
    shared number again with a trailing space; GC: the shared number; a member who left holds
    another member's number."""
    made = {
        "clean": _member("K01", "Nguyễn Văn Thẻ", tree["C1"], "094090000101", "12345678"),
        "short": _member("K02", "Trần Văn Ngắn", tree["C1"], "094090000102", "1234567"),
        "letter": _member("K03", "Lê Văn Chữ", tree["C1"], "094090000103", "1234567A"),
        "shared_c1": _member("K04", "Phạm Văn Chung", tree["C1"], "094090000104", "87654321"),
        "shared_c2": _member("K05", "Đỗ Văn Chung", tree["C2"], "094090000105", "87654321 "),
        "shared_gc": _member("K06", "Võ Thị Chung", tree["GC"], "094090000106", "87654321"),
        "kept": _member("K07", "Hồ Văn Còn", tree["C2"], "094090000107", "11112222"),
        "gone": _member("K08", "Hồ Văn Đi", tree["C2"], "094090000108", "11112222"),
    }
    Member.objects.filter(pk=made["gone"].pk).update(state="died")
    return made


def _findings(result, no):
    return {f.kind: f.detail for f in result.findings if f.member_no == no}


def test_malformed_and_shared_card_numbers_name_the_members(cards, tree):
    result = campaign.run()
    assert _findings(result, "K01") == {}
    assert _findings(result, "K02") == {
        "bad_card_no": "Số thẻ đảng viên «1234567» không đúng quy cách: số thẻ gồm đúng 8 chữ số."
    }
    assert set(_findings(result, "K03")) == {"bad_card_no"}
    shared = _findings(result, "K04")
    assert set(shared) == {"duplicate_card_no"}
    assert shared["duplicate_card_no"] == (
        "Số thẻ đảng viên 87654321 trùng với 2 đảng viên khác: Đỗ Văn Chung (số lý lịch K05, Chi bộ ấp Hai); "
        "Võ Thị Chung (số lý lịch K06, Chi bộ Trường Tiểu học)."
    )
    assert "Phạm Văn Chung (số lý lịch K04, Chi bộ ấp Một)" in _findings(result, "K06")["duplicate_card_no"]
    # A member who left keeps the number: the one in the list is told, the one gone is not listed.
    assert "Hồ Văn Đi (số lý lịch K08" in _findings(result, "K07")["duplicate_card_no"]
    assert _findings(result, "K08") == {}
    assert result.totals()["bad_card_no"] == 2 and result.totals()["duplicate_card_no"] == 4
    # In the subtree of GC only GC's member, still naming the others.
    sub = campaign.run(org_id=tree["GC"].id)
    assert {f.member_no for f in sub.findings if f.kind.endswith("card_no")} == {"K06"}


def test_a_reader_is_told_only_the_members_she_may_see(cards, users):
    result = campaign.run(user=users["secretary_c1"])
    assert {f.member_no for f in result.findings if f.kind == "duplicate_card_no"} == {"K04"}
    assert _findings(result, "K04")["duplicate_card_no"] == (
        "Số thẻ đảng viên 87654321 trùng với 2 đảng viên khác (ngoài phạm vi của anh/chị)."
    )
    staff = campaign.run(user=users["staff_u1"])
    text = _findings(staff, "K04")["duplicate_card_no"]
    assert "Đỗ Văn Chung (số lý lịch K05" in text and "K06" not in text and "Võ Thị" not in text
    assert text.endswith("; và 1 đảng viên ngoài phạm vi của anh/chị.")


def test_text_json_and_xlsx_outputs(cards, tmp_path):
    out = io.StringIO()
    call_command("datacheck", "--campaign", stdout=out)
    text = out.getvalue()
    assert "đảng viên K02 (Trần Văn Ngắn): Số thẻ đảng viên sai quy cách — Số thẻ đảng viên «1234567»" in text
    assert "đảng viên K04 (Phạm Văn Chung): Số thẻ đảng viên trùng với đảng viên khác" in text
    assert "Sửa: Số thẻ đảng viên." in text
    out = io.StringIO()
    call_command("datacheck", "--campaign", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["kinds"]["bad_card_no"] == {"label": "Số thẻ đảng viên sai quy cách", "field": "Số thẻ đảng viên"}
    row = next(f for f in data["findings"] if f["member_no"] == "K05" and f["kind"] == "duplicate_card_no")
    assert "Phạm Văn Chung (số lý lịch K04" in row["detail"] and row["unit"] == "G1" and row["national_id"] == ""
    assert data["totals"]["duplicate_card_no"] == 4
    path = tmp_path / "ra-soat.xlsx"
    call_command("datacheck", "--campaign", "--format", "xlsx", "-o", str(path))
    book = load_workbook(path)
    heads = [c.value for c in next(r for r in book["Tổng hợp"].iter_rows() if r[0].value == "Mã đơn vị")]
    assert "Số thẻ đảng viên sai quy cách" in heads and "Số thẻ đảng viên trùng với đảng viên khác" in heads
    rows = [[c.value for c in r] for r in book["G1"].iter_rows()]
    assert any(r[0] == "K03" and r[3] == "Số thẻ đảng viên sai quy cách" and "1234567A" in r[5] for r in rows)


def test_the_page(cards, client_for):
    client = client_for("staff_p")
    page = client.get(reverse("web:data_campaign")).content.decode()
    assert "Trùng số thẻ" in page and 'data-kind="duplicate_card_no"' in page
    listing = client.get(reverse("web:data_campaign"), {"loai": "duplicate_card_no"}).content.decode()
    assert all(f'data-member="K0{n}"' in listing for n in (4, 5, 6, 7)) and 'data-member="K01"' not in listing
    assert "Võ Thị Chung (số lý lịch K06, Chi bộ Trường Tiểu học)" in listing
    bad = client.get(reverse("web:data_campaign"), {"loai": "bad_card_no"}).content.decode()
    assert 'data-member="K02"' in bad and "«1234567A»" in bad


def test_the_importer_still_takes_such_numbers(tmp_path):
    from xaydungdang.interchange.importer import import_path
    from xaydungdang.interchange.tests.helpers import copy_sample, messages, set_cell

    folder = copy_sample(tmp_path)
    set_cell(folder, "members", 2, "Số thẻ đảng viên", "1234-567")  # TM001
    set_cell(folder, "members", 3, "Số thẻ đảng viên", "00100004")  # TM002
    set_cell(folder, "members", 4, "Số thẻ đảng viên", "00100004")  # TM003
    report = import_path(folder)
    assert report.ok, messages(report)
    found = {(f.member_no, f.kind) for f in campaign.run().findings if f.kind.endswith("card_no")}
    assert ("TM001", "bad_card_no") in found
    assert {("TM002", "duplicate_card_no"), ("TM003", "duplicate_card_no")} <= found
