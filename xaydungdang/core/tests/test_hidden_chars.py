"""Names with bidi controls or zero-width characters (finding L5) are refused by the domain rules
the actions and the importer share; ordinary Vietnamese names pass."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError
from xaydungdang.core.text import HIDDEN_CHARS, hidden_chars, hidden_chars_message

D = dt.date
RLO, ZWSP = "\u202e", "\u200b"


def test_character_set_and_message():
    for code in [
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0x00AD,
    ]:
        assert chr(code) in HIDDEN_CHARS
    assert hidden_chars(f"Nguyễn{RLO}An{ZWSP}{RLO}") == ["U+202E", "U+200B"]
    assert (
        hidden_chars_message("Họ và tên", f"Lê{RLO}Na")
        == "Họ và tên có ký tự ẩn hoặc ký tự đảo chiều (U+202E) — hãy gõ lại."
    )
    for name in ["Nguyễn Văn An", "Đặng Thị Ánh Tuyết", "Thạch Thị Sa Rây", "H'Hen Niê", "Lê-Na", "Võ Thị Ngọc Ẩn"]:
        assert hidden_chars(name) == [] and hidden_chars_message("Họ và tên", name) is None


def test_member_action_refuses_hidden_characters(tree):
    from xaydungdang.members import actions
    from xaydungdang.members.models import Member

    for bad in (f"Nguyễn Văn {RLO}nA", f"Nguyễn{ZWSP} Văn An"):
        with pytest.raises(DomainError) as caught:
            actions.enter_member(person("M900", bad), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
        problem = [p for p in caught.value.problems if p.field == "full_name"][0]
        assert problem.message.startswith("Họ và tên có ký tự ẩn hoặc ký tự đảo chiều (U+")
    assert not Member.objects.filter(member_no="M900").exists()
    member = actions.enter_member(person("M901", "Đặng Thị Ánh"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1))
    with pytest.raises(DomainError) as caught:
        actions.update_member(member, {"full_name": f"Đặng Thị {RLO}hnÁ"}, expected_version=member.version)
    assert "(U+202E)" in caught.value.message
    assert Member.objects.get(pk=member.pk).full_name == "Đặng Thị Ánh"


def test_organization_actions_refuse_hidden_characters(tree):
    from xaydungdang.organizations import actions
    from xaydungdang.organizations.models import Organization

    with pytest.raises(DomainError) as caught:
        actions.found("C9", f"Chi bộ ấp{ZWSP} Chín", "cell", tree["G1"], D(2020, 1, 1))
    assert [p.field for p in caught.value.problems] == ["name"]
    assert caught.value.problems[0].message == "Tên tổ chức có ký tự ẩn hoặc ký tự đảo chiều (U+200B) — hãy gõ lại."
    assert not Organization.objects.filter(code="C9").exists()
    c1 = tree["C1"]
    with pytest.raises(DomainError):
        actions.update(c1, name=f"Chi bộ {RLO}", locality=None, note="", expected_version=c1.version)
    assert Organization.objects.get(pk=c1.pk).name == "Chi bộ ấp Một"


def test_user_action_refuses_hidden_characters(tree):
    from django.contrib.auth import get_user_model

    from xaydungdang.accounts.actions import create_user

    with pytest.raises(DomainError) as caught:
        create_user(
            "an_c1",
            tree["C1"],
            "viewer",
            "Mat-khau-rat-dai-2024!",
            full_name=f"Nguyễn{RLO} An",
            validate_password=False,
        )
    assert caught.value.problems[0].field == "full_name"
    assert not get_user_model().objects.filter(username="an_c1").exists()


def test_import_names_row_and_column(db, tmp_path):
    from xaydungdang.interchange.importer import import_path
    from xaydungdang.interchange.tests.helpers import copy_sample, messages, set_cell

    folder = copy_sample(tmp_path)
    set_cell(folder, "members", 3, "Họ và tên", f"Thạch Thị {RLO}yâR aS")
    set_cell(folder, "organizations", 3, "Tên tổ chức", f"Đảng bộ{ZWSP} huyện Hai")
    report = import_path(folder)
    assert not report.ok
    errors = messages(report)
    assert "members, dòng 3, cột full_name: Họ và tên có ký tự ẩn hoặc ký tự đảo chiều (U+202E) — hãy gõ lại." in errors
    assert (
        "organizations, dòng 3, cột name: Tên tổ chức có ký tự ẩn hoặc ký tự đảo chiều (U+200B) — hãy gõ lại." in errors
    )
