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


def test_a_year_across_the_dissolution_covers_the_half_year_to_the_eve(merger):
    """Issue 15: `xdd report --org ST` for 2025 covers the half year to 30/6: the figures at the end
    are those of the eve, the movements those of the half year; the period asked for is kept beside
    it (new key); a period starting after the dissolution is still refused under «to»."""
    from xaydungdang.core.errors import DomainError
    from xaydungdang.reports import service

    year = service.build("ST", D(2025, 1, 1), D(2025, 12, 31))
    half = service.build("ST", D(2025, 1, 1), D(2025, 6, 30))
    data = json.loads(service.render(year, "json").content)
    assert data["period"] == {"from": "2025-01-01", "to": "2025-06-30"}
    assert data["requested_period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert year.data["indicators"] == half.data["indicators"]
    assert year.data["indicators"]["members.total"] == 3
    assert data["succession"]["text"] == [BOTH_SIDES]
    assert "requested_period" not in json.loads(service.render(half, "json").content)
    with pytest.raises(DomainError) as refused:
        service.build("ST", D(2025, 7, 1), D(2025, 12, 31))
    assert refused.value.problems[0].field == "to"


def test_the_cli_report_of_the_dissolved_province_for_2025(merger, capsys):
    from xaydungdang.cli import main

    assert main(["report", "--org", "ST", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["to"] == "2025-06-30" and data["indicators"]["members.total"] == 3
