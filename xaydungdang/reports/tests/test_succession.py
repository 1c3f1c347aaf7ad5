"""Reports across a merger name both sides (issue 15): the dissolved province's report says what
it became; the city's report for the half year after says what it took over. JSON: the new key
"succession" only (spec/indicators.md keys unchanged)."""

import datetime as dt
import io
import json

import pytest

from xaydungdang.organizations.tests.merger import MERGER_DAY, build_merger

D = dt.date
BOTH_SIDES = "Đảng bộ tỉnh Sóc Trăng (đến 30/6/2025), nay thuộc Đảng bộ thành phố Cần Thơ."


@pytest.fixture
def merger(db):
    return build_merger()


def _docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_dissolved_province_report_names_its_successor(merger):
    from xaydungdang.reports import service

    report = service.build("ST", D(2024, 1, 1), D(2024, 12, 31))
    assert report.data["indicators"]["members.total"] == 3
    data = json.loads(service.render(report, "json").content)
    assert data["succession"]["dissolved"]["successor"] == {"code": "CT", "name": "Đảng bộ thành phố Cần Thơ"}
    assert data["succession"]["dissolved"]["last_day"] == "2025-06-30"
    assert data["succession"]["text"] == [BOTH_SIDES]
    plain = service.build("ST", D(2024, 1, 1), D(2024, 12, 31))
    spec_keys = set(json.loads(service.render(plain, "json").content)) - {"succession"}
    assert spec_keys <= set(data)  # only a new key
    assert BOTH_SIDES in service.body_html(report)
    assert BOTH_SIDES in _docx_text(service.render(report, "docx").content)


def test_successor_report_names_what_it_took_over(merger):
    from xaydungdang.reports import service

    report = service.build("CT", MERGER_DAY, D(2025, 12, 31))
    # The city after the merger: ST's three, HG's one and CTO's one (Chi moved inside the city).
    assert report.data["indicators"]["members.total"] == 5
    data = json.loads(service.render(report, "json").content)
    assert [a["code"] for a in data["succession"]["absorbed"]] == ["CTO", "HG", "ST"]
    text = data["succession"]["text"][0]
    assert text.startswith("Từ ngày 1/7/2025, Đảng bộ thành phố Cần Thơ tiếp nhận ")
    assert "Đảng bộ tỉnh Sóc Trăng (đến 30/6/2025)" in text and "Đảng bộ tỉnh Hậu Giang (đến 30/6/2025)" in text
    assert text in service.body_html(report)


def test_report_of_a_living_unit_has_no_succession(merger):
    from xaydungdang.reports import service

    report = service.build("ST.C1", D(2024, 1, 1), D(2024, 12, 31))
    assert "succession" not in json.loads(service.render(report, "json").content)
