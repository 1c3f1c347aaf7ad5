"""Form 1 of a unit whose tree changed in the period (issue 15): the city founded by merger on
1/7/2025 starts the year with nobody in its list (A = 0, spec/forms.md) and ends it with the members
its parts brought; the difference is stated beside the form (new key "reorganization", a note in the
XLSX and the printed form), so D = A + B − C + the members received or handed over."""

import io

import pytest
from openpyxl import load_workbook

from xaydungdang.indicators.statforms import compute_forms
from xaydungdang.organizations.tests.merger import build_merger

pytestmark = pytest.mark.django_db


def _rows(form: dict, column: str = "current") -> dict:
    return {row["code"]: row["values"][column] for row in form["rows"]}


def test_the_city_and_the_dissolved_province_state_what_came_with_their_organizations():
    build_merger()
    (city,) = compute_forms("CT", "2025", ["1"])
    rows = _rows(city)
    assert rows["A"] == 0 and rows["D"] == 5  # an, binh, chi (ST), duc (HG), em (CTO)
    assert city["reorganization"]["current"] == rows["D"] - (rows["A"] + rows["B"] - rows["C"]) == 5
    assert city["reorganization"]["previous"] == 0
    assert "kỳ này +5, cùng kỳ năm trước 0" in city["reorganization"]["text"]
    (province,) = compute_forms("ST", "2025-H1", ["1"])
    assert "reorganization" not in province  # nothing moved before 1/7: the identity holds as it stands
    (year,) = compute_forms("ST", "2025", ["1"])
    assert year["reorganization"]["current"] == -3  # handed over to the city with its organizations


def test_the_note_is_printed_under_form_1():
    from xaydungdang.reports.renderers import forms_pdf, forms_xlsx

    build_merger()
    forms = compute_forms("CT", "2025", ["1", "2"])
    sheet = load_workbook(io.BytesIO(forms_xlsx.render(forms))).worksheets[0]
    texts = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert any(t.startswith("Tăng (+), giảm (−) do sắp xếp tổ chức đảng") and "+5" in t for t in texts)
    html = forms_pdf.forms_html(forms)
    assert html.count('class="xdd-form__note"') == 1 and 'data-reorganization="5"' in html
