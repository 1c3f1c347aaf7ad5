"""The forms' member attributes in the interchange format (spec/forms.md "Interchange additions"):
the optional members columns, the member_changes table, its checks, the version-1 codes."""

import datetime as dt

import pytest

from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tests.helpers import SAMPLE, copy_sample, messages, read_table, table_counts, write_table
from xaydungdang.members.attributes import attribute_at
from xaydungdang.members.models import Member, MemberChange

D = dt.date
HEADER = ["Số lý lịch", "Thông tin thay đổi", "Giá trị mới", "Từ ngày"]


def with_changes(tmp_path, rows, name="ds"):
    folder = copy_sample(tmp_path, name)
    write_table(folder, "member_changes", [HEADER, *rows])
    return folder


def add_member_columns(folder, values: dict):
    """Add the new members columns (Vietnamese headers) to the sample, TM001's values given."""
    rows = read_table(folder, "members")
    rows[0] += list(values)
    for row in rows[1:]:
        row += [values[h] if row[0] == "TM001" else "" for h in values]
    write_table(folder, "members", rows)


def test_changes_and_new_columns_import(db, tmp_path):
    folder = with_changes(
        tmp_path,
        [
            ["TM001", "occupation", "Nghỉ hưu", "01/07/2024"],
            ["TM001", "Chuyên môn", "vocational", "2021-05-01"],  # version 1: intermediate
            ["TM001", "business_owner", "có", "2022-01-01"],
            ["TM002", "general_education", "12/12", "2015-01-01"],
            ["TM002", "religion", "", "2023-01-01"],
        ],
    )
    add_member_columns(
        folder,
        {
            "Ngày vào Đoàn": "26/03/1986",
            "Ngày ra khỏi Đoàn": "26/03/1996",
            "Chủ doanh nghiệp tư nhân": "không",
            "Có quan hệ hôn nhân với người nước ngoài": "có",
            "Vi phạm chính sách KHHGĐ": "",
            "Học hàm": "Phó Giáo sư",
        },
    )
    report = import_path(folder)
    assert report.ok, messages(report)
    assert report.counts["member_changes"] == 5
    m = Member.objects.get(member_no="TM001")
    assert (m.youth_union_from, m.youth_union_until) == (D(1986, 3, 26), D(1996, 3, 26))
    assert (m.business_owner, m.foreign_marriage, m.family_planning_violation) == (False, True, False)
    assert m.academic_title == "associate_professor" and m.occupation == "state_official"  # version 1 civil_servant
    assert attribute_at(m, "occupation", D(2024, 6, 30)) == "state_official"
    assert attribute_at(m, "occupation", D(2024, 7, 1)) == "retired"
    assert attribute_at(m, "qualification", D(2021, 5, 1)) == "intermediate"
    assert attribute_at(m, "business_owner", D(2022, 1, 1)) is True
    other = Member.objects.get(member_no="TM002")
    assert attribute_at(other, "religion", D(2023, 1, 1)) == "" and other.religion == "Phật giáo"
    assert list(MemberChange.objects.filter(member=m).values_list("field", "value")) == [
        ("qualification", "intermediate"),
        ("business_owner", "yes"),
        ("occupation", "retired"),
    ]


def test_version_1_sample_has_no_changes_and_default_attributes(db):
    report = import_path(SAMPLE)
    assert report.ok, messages(report)
    assert not MemberChange.objects.exists()
    assert not Member.objects.filter(business_owner=True).exists()
    assert not Member.objects.exclude(academic_title="").exists()
    assert not Member.objects.filter(youth_union_from__isnull=False).exists()


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ["TM001", "gender", "female", "2020-01-01"],
            'member_changes, dòng 2, cột field: Giá trị "gender" không hợp lệ; dùng một trong:',
        ),
        (
            ["TM001", "occupation", "phi công", "2020-01-01"],
            'member_changes, dòng 2, cột value: Giá trị "phi công" không hợp lệ; dùng một trong:',
        ),
        (
            ["TM001", "general_education", "13/12", "2020-01-01"],
            'member_changes, dòng 2, cột value: Trình độ giáo dục phổ thông "13/12" không đọc được',
        ),
        (["TM001", "occupation", "", "2020-01-01"], "member_changes, dòng 2, cột value: Thiếu giá trị mới"),
        (
            ["TM001", "business_owner", "có lẽ", "2020-01-01"],
            'member_changes, dòng 2, cột value: Giá trị "có lẽ" không hợp lệ (yes/có hoặc no/không).',
        ),
        (
            ["TM001", "occupation", "retired", "01/01/1990"],
            "member_changes, dòng 2, cột on: Ngày thay đổi 01/01/1990 trước ngày vào Đảng 03/02/1995 của",
        ),
        (
            ["TM001", "occupation", "retired", "01/01/2200"],
            "member_changes, dòng 2, cột on: Ngày thay đổi 01/01/2200 ở sau ngày hôm nay.",
        ),
        (
            ["XX999", "occupation", "retired", "2020-01-01"],
            'member_changes, dòng 2, cột member_no: Không có đảng viên số lý lịch "XX999"',
        ),
        (["TM001", "occupation", "retired", ""], "member_changes, dòng 2, cột on: Thiếu"),
    ],
)
def test_bad_changes_are_refused_with_table_row_column(db, tmp_path, row, message):
    folder = with_changes(tmp_path, [row])
    before = table_counts()
    report = import_path(folder)
    assert not report.ok
    assert any(m.startswith(message) for m in messages(report)), messages(report)
    assert table_counts() == before


def test_bad_youth_union_dates(db, tmp_path):
    folder = copy_sample(tmp_path)
    add_member_columns(folder, {"Ngày vào Đoàn": "01/01/2000", "Ngày ra khỏi Đoàn": "01/01/1999"})
    report = import_path(folder)
    assert not report.ok
    assert any(
        m.startswith("members, dòng 2, cột youth_union_until: Ngày ra khỏi Đoàn 01/01/1999 phải sau ngày vào Đoàn")
        for m in messages(report)
    ), messages(report)
