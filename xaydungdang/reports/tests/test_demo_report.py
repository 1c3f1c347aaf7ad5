"""The demo province's 2023 report states the figures of the seed articles in DOCX, PDF and HTML.

The demo (about 49.000 members) is loaded once for this module inside a transaction rolled back
at the end, so the rest of the session still starts from an empty database.
"""

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document
from openpyxl import load_workbook

from xaydungdang.reports import service

# The mark makes pytest-django create the test database (and its tables) even when this file runs alone;
# each test then runs in a savepoint inside the module's transaction.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]
D = dt.date

SEED_PHRASES = [
    "toàn Đảng bộ có 48.879 đảng viên",
    "644 tổ chức cơ sở đảng (231 đảng bộ cơ sở, 413 chi bộ cơ sở)",
    "đã kết nạp 2.051 đảng viên mới, đạt 100,05% so với chỉ tiêu",
    "đưa vào danh sách sàng lọc 79 đảng viên; kết quả có 37 đảng viên được công nhận sự tiến bộ; "
    "23 đảng viên tiếp tục giáo dục, giúp đỡ; 19 đảng viên bị đưa ra khỏi Đảng",
    "20 văn bản của Trung ương (gồm 1 chương trình, 7 quy định, 1 quyết định, 1 kết luận, 7 kế hoạch, 3 đề án); "
    "xây dựng 21 văn bản sơ kết, tổng kết",
    "đối với 69 trường hợp; cử đi đào tạo, bồi dưỡng 1.363 trường hợp",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    saved = os.environ.get("XDD_PASSWORD")
    os.environ["XDD_PASSWORD"] = "Thu-nghiem-du-lieu-mau-2023"
    try:
        with django_db_blocker.unblock():
            with transaction.atomic():
                call_command("demo", stdout=io.StringIO())
                yield service.build("ST", D(2023, 1, 1), D(2023, 12, 31), issued_on=D(2024, 1, 15))
                transaction.set_rollback(True)
    finally:
        if saved is None:
            os.environ.pop("XDD_PASSWORD", None)
        else:
            os.environ["XDD_PASSWORD"] = saved


def test_docx_states_the_seed_figures(demo):
    document = Document(io.BytesIO(service.render(demo, "docx").content))
    text = _flat("\n".join(p.text for p in document.paragraphs))
    for phrase in SEED_PHRASES:
        assert phrase in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_states_the_seed_figures(demo, tmp_path):
    path = tmp_path / "st.pdf"
    path.write_bytes(service.render(demo, "pdf").content)
    text = _flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "TỈNH ỦY SÓC TRĂNG" in text
    for phrase in SEED_PHRASES:
        assert phrase in text


def test_html_and_xlsx_state_the_seed_figures(demo):
    html = _flat(service.body_html(demo))
    for phrase in SEED_PHRASES:
        assert phrase in html
    sheet = load_workbook(io.BytesIO(service.render(demo, "xlsx").content))["Phụ lục"]
    key_column = sheet.max_column - 1  # the keys: the last column, hidden
    values = {row[key_column].value: row[1].value for row in sheet.iter_rows(min_row=5)}
    assert (
        values["members.total"],
        values["orgs.grassroots"],
        values["admissions.total"],
        values["admissions.target_pct"],
        values["screening.listed"],
    ) == (48879, 644, 2051, 100.05, 79)


def test_term_report_of_the_demo(demo):
    report = service.build("ST", D(2020, 10, 17), D(2024, 3, 12), kind="term")
    body = " ".join(block.text for block in report.body)
    assert re.search(r"Từ đầu nhiệm kỳ 2020–2025 đến nay, toàn Đảng bộ đã kết nạp 6\.9\d\d đảng viên mới", body)
    # The records start with the 2019 opening balance: the previous term cannot be compared.
    assert "so với cùng kỳ nhiệm kỳ trước" not in body


def test_demo_charter_and_term_reports_keep_to_the_records(demo):
    """Issue 13: the records begin with the 2019 opening balance; the term's targets are whole years;
    the cells emptied on 30/06/2025 for their dissolution on 01/07/2025 are not "below 3"."""
    from xaydungdang.organizations.tree import load_tree

    charter = service.build("ST", D(2011, 1, 1), D(2023, 12, 31), kind="charter")
    body = " ".join(block.text for block in charter.body)
    assert "Qua 13 năm" not in body and "so với đầu giai đoạn" not in body
    assert "tăng 48.879" not in body
    assert re.search(r"có từ ngày \d\d/\d\d/2019 \(thời điểm bắt đầu có số liệu\)", body)
    assert not re.search(r"số tổ chức cơ sở đảng (tăng|giảm)", body)

    term = service.build("ST", D(2020, 10, 17), D(2025, 6, 30), kind="term")
    body = " ".join(block.text for block in term.body)
    target_pct = term.data["indicators"]["admissions.target_pct"]
    assert f"{target_pct:.2f}".replace(".", ",") not in body  # the whole period against four years' targets
    assert "Tính theo các năm trọn có chỉ tiêu (4 năm 2021–2024)" in body
    assert "6 tháng đầu năm 2025 kết nạp" in body
    tree = load_tree()
    below = term.data["limitations"]["cells_below_3"]
    assert not [c for c in below if tree.orgs[tree.by_code[c["code"]]].dissolved_on == D(2025, 7, 1)]
    assert term.data["indicators"]["orgs.cells_below_3_official"] == len(below)
