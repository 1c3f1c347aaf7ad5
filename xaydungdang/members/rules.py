"""Rules on a member's personal data (the lifecycle rules are in lifecycle.py)."""

import datetime as dt
import re

from xaydungdang.core.errors import Problem
from xaydungdang.core.formatting import date as fmt
from xaydungdang.core.rules import regulation
from xaydungdang.core.text import hidden_chars_message, nfc
from xaydungdang.members.models import AcademicTitle, Gender, Occupation, PoliticalTheory, Qualification

NATIONAL_ID = re.compile(r"^\d{12}$")
MEMBER_NO = re.compile(r"^[0-9A-Za-zĐđ._/-]{1,32}$")
# Số thẻ đảng viên: 8 digits (cards since 2003; rules.md §7). Checked on the card events the web and
# the API record (members.actions.record_event); the importer takes a dataset's numbers as they are.
CARD_NO = re.compile(r"^[0-9]{8}$")

REQUIRED = {
    "member_no": "số lý lịch",
    "full_name": "họ và tên",
    "gender": "giới tính",
    "birth_date": "ngày sinh",
    "ethnicity": "dân tộc",
    "joined_on": "ngày vào Đảng",
}
CHOICES = {
    "gender": Gender,
    "qualification": Qualification,
    "political_theory": PoliticalTheory,
    "occupation": Occupation,
    "academic_title": AcademicTitle,
}
# TextChoices.values rebuilds a list on every access; an import checks 50.000 rows.
CHOICE_VALUES = {name: frozenset(enum.values) for name, enum in CHOICES.items()}


def check_personal(data: dict, today: dt.date) -> list[Problem]:
    """Field rules for a member row; `data` holds parsed values (dates as date objects)."""
    problems = []
    for name, label in REQUIRED.items():
        if data.get(name) in (None, ""):
            problems.append(Problem(f"Thiếu {label}.", name))
    for name, values in CHOICE_VALUES.items():
        value = data.get(name)
        if value and value not in values:
            problems.append(Problem(f'Giá trị "{value}" không hợp lệ.', name))
    member_no = data.get("member_no")
    if member_no and not MEMBER_NO.match(member_no):
        problems.append(
            Problem(f'Số lý lịch "{member_no}" chỉ gồm chữ, số và các dấu . _ / -, tối đa 32 ký tự.', "member_no")
        )
    national_id = data.get("national_id")
    if national_id and not NATIONAL_ID.match(national_id):
        problems.append(
            Problem(
                f'Số định danh "{national_id}" phải gồm đúng 12 chữ số — {regulation("national_id").cite}.',
                "national_id",
                "national_id",
            )
        )
    name = data.get("full_name") or ""
    if name and (len(name) > 255 or any(ch in name for ch in "<>{}")):
        problems.append(Problem("Họ và tên chứa ký tự không hợp lệ hoặc quá dài.", "full_name"))
    hidden = hidden_chars_message("Họ và tên", name)
    if hidden:
        problems.append(Problem(hidden, "full_name"))
    birth, joined, official = data.get("birth_date"), data.get("joined_on"), data.get("official_on")
    for field, value, label in (
        ("birth_date", birth, "Ngày sinh"),
        ("joined_on", joined, "Ngày vào Đảng"),
        ("official_on", official, "Ngày chính thức"),
    ):
        if value and value > today:
            problems.append(Problem(f"{label} {fmt(value)} ở sau ngày hôm nay.", field, "future_dates"))
    if birth and joined and joined <= birth:
        problems.append(Problem(f"Ngày vào Đảng {fmt(joined)} phải sau ngày sinh {fmt(birth)}.", "joined_on"))
    if birth and birth.year < 1890:
        problems.append(Problem(f"Ngày sinh {fmt(birth)} không hợp lý.", "birth_date"))
    if joined and official and official < joined:
        problems.append(Problem(f"Ngày chính thức {fmt(official)} trước ngày vào Đảng {fmt(joined)}.", "official_on"))
    course, course_label = data.get("new_member_course_on"), "Ngày hoàn thành lớp đảng viên mới"
    if course and course > today:
        problems.append(Problem(f"{course_label} {fmt(course)} ở sau ngày hôm nay.", "new_member_course_on"))
    elif course and joined and course < joined:
        message = f"{course_label} {fmt(course)} trước ngày vào Đảng {fmt(joined)}."
        problems.append(Problem(message, "new_member_course_on"))
    union_from, union_until = data.get("youth_union_from"), data.get("youth_union_until")
    for field, value, label in (
        ("youth_union_from", union_from, "Ngày vào Đoàn"),
        ("youth_union_until", union_until, "Ngày ra khỏi Đoàn"),
    ):
        if value and value > today:
            problems.append(Problem(f"{label} {fmt(value)} ở sau ngày hôm nay.", field, "future_dates"))
        elif value and birth and value <= birth:
            problems.append(Problem(f"{label} {fmt(value)} phải sau ngày sinh {fmt(birth)}.", field))
    if union_until and not union_from:
        problems.append(Problem("Có ngày ra khỏi Đoàn nhưng không có ngày vào Đoàn.", "youth_union_from"))
    if union_from and union_until and union_until <= union_from:
        problems.append(
            Problem(
                f"Ngày ra khỏi Đoàn {fmt(union_until)} phải sau ngày vào Đoàn {fmt(union_from)}.", "youth_union_until"
            )
        )
    return problems


def clean_text_fields(data: dict) -> dict:
    """NFC every text value; empty national_id becomes None (the column is unique)."""
    cleaned = {k: (nfc(v) if isinstance(v, str) else v) for k, v in data.items()}
    if not cleaned.get("national_id"):
        cleaned["national_id"] = None
    return cleaned


def card_no_problems(value: str, field: str = "reason") -> list[Problem]:
    """A new card's number: 8 digits (rules.md §7)."""
    value = (value or "").strip()
    if not value:
        return [Problem("Cần ghi số thẻ đảng viên.", field)]
    if not CARD_NO.match(value):
        return [Problem(f"Số thẻ đảng viên {value} không hợp lệ: số thẻ gồm đúng 8 chữ số.", field)]
    return []
