"""The one definition of "ethnic minority" (members.attributes), and every consumer following it:
the stored flags (member row, spans), the engine's admissions, the member filter, `xdd rebuild`."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.core.text import fold_key
from xaydungdang.members import actions, projection
from xaydungdang.members.attributes import is_ethnic_minority, is_kinh, is_religious
from xaydungdang.members.models import Member, MemberSpan

D = dt.date


@pytest.mark.parametrize(
    "value", ["Kinh", "KINH", "kinh", " Kinh ", "Kính", "Ki-nh", "K inh", "Kinh\u200b", "01", "Kinh"]
)
def test_kinh_in_any_spelling_is_not_a_minority(value):
    assert is_kinh(value) and not is_ethnic_minority(value)


@pytest.mark.parametrize(
    "value",
    [
        "Khơ-me",
        "Khmer",
        "KHƠ ME",
        "Hoa",
        "Chăm",
        "foreign_origin",
        "Q.tịch gốc nước ngoài",
        "Dân tộc khác",
        "Kinh Hoa",
        "05",
        "",
        None,
    ],
)
def test_every_other_value_is_a_minority(value):
    # spec/forms.md: foreign_origin and unknown names are "other than Kinh"; so is an empty value
    # (the rules require the field, so only data written around them can hold one).
    assert is_ethnic_minority(value)


def test_fold_key_ignores_case_diacritics_spaces_and_hyphens():
    assert fold_key("Khơ-me") == fold_key("KHO ME") == fold_key("khome") == "khome"
    assert fold_key("Bru - Vân Kiều") == "bruvankieu"
    assert fold_key("Đắk") == "dak"
    assert fold_key(None) == fold_key("") == ""


def test_religion_counts_when_not_blank():
    assert is_religious("Phật giáo") and not is_religious("  ") and not is_religious(None)


@pytest.mark.django_db
def test_stored_flags_follow_the_definition(tree):
    upper = actions.admit(person("E1", ethnicity="KINH", birth_date=D(1995, 1, 1)), tree["C1"], D(2023, 3, 1))
    khmer = actions.admit(person("E2", ethnicity="Khơ-me", birth_date=D(1995, 1, 1)), tree["C1"], D(2023, 3, 2))
    foreign = actions.admit(
        person("E3", ethnicity="foreign_origin", birth_date=D(1995, 1, 1)), tree["C1"], D(2023, 3, 3)
    )
    coded = actions.admit(person("E4", ethnicity="01", birth_date=D(1995, 1, 1)), tree["C1"], D(2023, 3, 4))
    flags = dict(Member.objects.values_list("member_no", "ethnic_minority"))
    assert flags == {"E1": False, "E2": True, "E3": True, "E4": False}
    spans = {no: flag for no, flag in MemberSpan.objects.values_list("member__member_no", "minority")}
    assert spans == flags
    # A change of ethnicity through save(update_fields=...) keeps the flag in step.
    coded.ethnicity = "Hoa"
    coded.save(update_fields=["ethnicity"])
    assert Member.objects.get(pk=coded.pk).ethnic_minority
    # `xdd rebuild` recomputes the stored flags from the definition.
    Member.objects.filter(pk__in=[upper.pk, khmer.pk, foreign.pk]).update(ethnic_minority=False)
    MemberSpan.objects.update(minority=False)
    projection.rebuild_all()
    assert dict(Member.objects.values_list("member_no", "ethnic_minority")) == {
        "E1": False,
        "E2": True,
        "E3": True,
        "E4": True,
    }
    assert MemberSpan.objects.filter(minority=True).count() == 3


@pytest.mark.django_db
def test_engine_and_filter_use_the_definition(tree):
    from xaydungdang.indicators.engine import compute
    from xaydungdang.members.filtersets import MemberFilter

    for no, ethnicity, day in (
        ("F1", "KINH", D(2023, 3, 1)),
        ("F2", "Khơ-me", D(2023, 4, 1)),
        ("F3", "foreign_origin", D(2023, 5, 1)),
        ("F4", " kinh", D(2023, 6, 1)),
        ("F5", "01", D(2023, 7, 1)),
    ):
        actions.admit(person(no, ethnicity=ethnicity, birth_date=D(1995, 1, 1)), tree["C1"], day)
    values = compute("P", D(2023, 1, 1), D(2023, 12, 31))
    assert values["admissions.total"] == 5
    assert values["admissions.ethnic_minority"] == 2
    assert values["members.ethnic_minority"] == 2
    members = Member.objects.all()
    minority = MemberFilter({"dan_toc": "thieu_so"}, queryset=members).qs
    kinh = MemberFilter({"dan_toc": "kinh"}, queryset=members).qs
    assert sorted(m.member_no for m in minority) == ["F2", "F3"]
    assert sorted(m.member_no for m in kinh) == ["F1", "F4", "F5"]
