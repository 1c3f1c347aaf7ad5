"""Issue 13 items 1 and 3: period and coverage logic, and text that fits the level.

A hand-built province whose records begin with an opening balance on 01/01/2019:
P (province) > U1 (district) > G1 (commune, locality X1 with villages V1, V2) > C1, C2, C3 cells,
and GC, a school's grassroots cell of 8 official members under U1.
- openings on 01/01/2019: C1 5, C2 3, C3 2 (below three official members), GC 8 -> 18 members;
- admissions in C1: 20/11/2020, one a year 2021–2024 (on 10 March), two in 2025 (10/3, 10/4);
- P's admission targets: 2 a year for 2021–2024, 4 for 2025;
- C2's three members move to C1 on 30/06/2025 and C2 is dissolved on 01/07/2025 (the eve of a
  dissolution: an empty cell that is not "a cell below three official members").
"""

import datetime as dt
import re

import pytest

from xaydungdang.admissions import actions as admissions
from xaydungdang.conftest import person
from xaydungdang.indicators import engine
from xaydungdang.members import actions as members
from xaydungdang.organizations import actions as org
from xaydungdang.organizations.models import Locality
from xaydungdang.reports import charts, service
from xaydungdang.reports.blocks import Para
from xaydungdang.reports.issuer import OrgName, issuer_for
from xaydungdang.reports.narrative import Context, compose
from xaydungdang.reports.narrative.context import change_phrase
from xaydungdang.reports.periods import describe
from xaydungdang.reports.tests.sample import full
from xaydungdang.web import figures

D = dt.date


def _opening(no, cell, **kw):
    data = person(no, **({"joined_on": D(2010, 1, 1), "official_on": D(2011, 1, 1)} | kw))
    return members.enter_member(data, entry="opening", cell=cell, on=D(2019, 1, 1))


@pytest.fixture
def province(db):
    o = {}
    o["P"] = org.found("P", "Đảng bộ tỉnh Thử", "provincial", None, D(2010, 1, 1))
    o["U1"] = org.found("U1", "Đảng bộ huyện Một", "upper", o["P"], D(2010, 1, 1))
    o["G1"] = org.found("G1", "Đảng bộ xã Một", "grassroots_committee", o["U1"], D(2010, 1, 1))
    for code, name in (("C1", "Chi bộ ấp Một"), ("C2", "Chi bộ ấp Hai"), ("C3", "Chi bộ ấp Ba")):
        o[code] = org.found(code, name, "cell", o["G1"], D(2010, 1, 1))
    o["GC"] = org.found("GC", "Chi bộ Trường Tiểu học Một", "grassroots_cell", o["U1"], D(2010, 1, 1))
    n = 0
    moved = []
    for cell, count in (("C1", 5), ("C2", 3), ("C3", 2), ("GC", 8)):
        for _ in range(count):
            n += 1
            member = _opening(f"m{n}", o[cell])
            if cell == "C2":
                moved.append(member)
    days = [D(2020, 11, 20)] + [D(y, 3, 10) for y in range(2021, 2026)] + [D(2025, 4, 10)]
    for i, day in enumerate(days):
        members.admit(person(f"a{i}", joined_on=day, birth_date=D(1995, 1, 1)), o["C1"], day)
    for year in range(2021, 2025):
        admissions.set_target({"org_id": o["P"].id, "period": str(year), "value": 2})
    admissions.set_target({"org_id": o["P"].id, "period": "2025", "value": 4})
    for member in moved:
        members.transfer(member, o["C1"], D(2025, 6, 30))
    org.dissolve(o["C2"], D(2025, 7, 1))

    lp = Locality.objects.create(code="LP", name="Tỉnh Thử", kind="other", org=o["P"])
    x1 = Locality.objects.create(code="X1", name="Xã Một", kind="commune", parent=lp, org=o["G1"])
    Locality.objects.create(code="V1", name="Ấp Một", kind="village", parent=x1, org=o["C1"])
    Locality.objects.create(code="V3", name="Ấp Ba", kind="village", parent=x1, org=o["C3"])
    for code, locality in (("P", lp), ("G1", x1)):
        o[code].locality = locality
        o[code].save()
    from xaydungdang.organizations.tree import invalidate

    invalidate()
    return o


def body(report) -> str:
    return "\n".join(block.text for block in report.body)


# --- 1. never compare with a start before the records begin ------------------------------------


def test_charter_report_runs_from_the_data_start(province):
    report = service.build("P", "2011-01-01", "2023-12-31", kind="charter")
    text = body(report)
    records = report.data["records"]
    assert records == {
        "data_start": "2019-01-01",
        "start_covered": False,
        "previous_covered": False,
        "flows_from": "2019-01-01",
        "members_at_data_start": 18,
    }
    assert "Qua 13 năm" not in text and "so với đầu giai đoạn" not in text
    assert "có từ ngày 01/01/2019 (thời điểm bắt đầu có số liệu)" in text
    # 18 at the data start, 4 admitted by the end of 2023: the change is counted from 18, not from zero.
    assert "tăng 4 đảng viên (22,22%) so với ngày 01/01/2019" in text
    assert "tăng 22 đảng viên" not in text
    assert "Từ ngày 01/01/2019 đến ngày 31/12/2023, toàn Đảng bộ đã kết nạp 4 đảng viên mới" in text
    # Organizations of 2010 exist "on paper" only: no comparison of their count with the period's start.
    assert not re.search(r"số tổ chức cơ sở đảng (tăng|giảm)", text)
    # The JSON keeps the contract's definition (members at the end minus the day before the period).
    assert report.data["indicators"]["members.net_change"] == 22


def test_annual_report_of_a_covered_year_is_unchanged(province):
    report = service.build("P", "2023-01-01", "2023-12-31")
    assert report.data["records"]["start_covered"] is True
    assert report.data["records"]["members_at_data_start"] is None
    text = body(report)
    assert "bắt đầu có số liệu" not in text
    assert "tăng 1 đảng viên (4,76%) so với đầu năm" in text
    # 2023 has its own target (2): the JSON's percentage is the same span.
    assert "đã kết nạp 1 đảng viên mới, đạt 50% so với chỉ tiêu được giao (2 đảng viên)" in text


def test_term_admissions_against_targets_of_the_same_span(province):
    report = service.build("P", "2020-10-15", "2025-06-30", kind="term")
    indicators = report.data["indicators"]
    # The JSON is the contract's: 7 admissions over the whole period, the targets lying inside it (2021–2024).
    assert (indicators["admissions.total"], indicators["admissions.target"]) == (7, 8)
    assert indicators["admissions.target_pct"] == 87.5
    text = body(report)
    assert "87,5%" not in text
    assert "Từ đầu nhiệm kỳ 2020–2025 đến nay, toàn Đảng bộ đã kết nạp 7 đảng viên mới." in text
    assert (
        "Tính theo các năm trọn có chỉ tiêu (4 năm 2021–2024), đã kết nạp 4 đảng viên, đạt 50% so với chỉ tiêu "
        "của các năm này (8 đảng viên); 6 tháng đầu năm 2025 kết nạp 2 đảng viên, bằng 50% chỉ tiêu cả năm 2025 "
        "(4 đảng viên)." in text
    )
    assert "chưa hoàn thành chỉ tiêu được giao của 4 năm 2021–2024 (đạt 50%), còn thiếu 4 đảng viên" in text


def test_partial_year_is_labelled_in_the_series_chart_and_dashboard(province):
    data = engine.report_data("P", D(2020, 10, 15), D(2025, 6, 30), annex=False)
    last = data["series"]["years"][-1]
    assert (last["year"], last["admissions"], last["target"], last["through"]) == (2025, 2, 4, "2025-06-30")
    assert data["series"]["years"][-2]["through"] is None
    figure = charts.admissions_against_target(data["series"])
    axis = figure.axes[0]
    ticks = [t.get_text() for t in axis.get_xticklabels()]
    assert ticks[-1] == "2025\n(đến 30/6)" and ticks[-2] == "2024"
    shares = [t.get_text() for t in axis.texts if t.get_text().endswith("%")]
    assert "50%" in shares  # 2024: 1 of 2
    assert len(shares) == len(ticks) - 1 - sum(1 for r in data["series"]["years"] if not r["target"])  # none for 2025
    assert any("Năm chưa hết" in t.get_text() for t in axis.texts)
    rows = figures.series_tables(data)["years"]
    assert rows[-1]["label"] == "2025 (đến 30/6)"


def test_cells_emptied_on_the_eve_of_their_dissolution_are_not_below_three(province):
    eve = engine.compute("P", D(2025, 1, 1), D(2025, 6, 30))
    assert eve["orgs.cells_below_3_official"] == 1  # C3 only, not the emptied C2
    before = engine.compute("P", D(2025, 1, 1), D(2025, 6, 29))
    assert before["orgs.cells_below_3_official"] == 1  # C3 (C2 still has its 3)
    report = service.build("P", "2025-01-01", "2025-06-30")
    assert [row["code"] for row in report.data["limitations"]["cells_below_3"]] == ["C3"]
    text = body(report)
    assert "Còn 1 chi bộ có dưới 3 đảng viên chính thức" in text
    assert "kiện toàn, củng cố 1 chi bộ có dưới 3 đảng viên chính thức" in text
    assert "Chi bộ ấp Hai" not in text


def test_dashboard_tiles_compare_nothing_before_the_records(province):
    first_year = engine.report_data("P", D(2019, 1, 1), D(2019, 12, 31), annex=False, series=False)
    tiles = {tile["key"]: tile for tile in figures.tiles(first_year)}
    assert tiles["members.total"]["previous"] is None and tiles["members.total"]["delta"] is None
    net = tiles["members.net_change"]
    assert net["value"] == 0  # 18 at the end of 01/01/2019, 18 at the end of 2019
    assert "01/01/2019" in net["label"]
    later = engine.report_data("P", D(2023, 1, 1), D(2023, 12, 31), annex=False, series=False)
    tiles = {tile["key"]: tile for tile in figures.tiles(later)}
    assert tiles["members.total"]["previous"] == 21 and tiles["members.net_change"]["value"] == 1
    assert tiles["admissions.target_pct"]["label"] == "Tỷ lệ đạt chỉ tiêu (%)"  # 2023 is over


def test_dashboard_marks_a_year_not_over(province, monkeypatch):
    import xaydungdang.core.dates as dates

    monkeypatch.setattr(dates, "today", lambda: D(2025, 6, 30))
    data = engine.report_data("P", D(2025, 1, 1), D(2025, 12, 31), annex=False, series=False)
    tiles = {tile["key"]: tile for tile in figures.tiles(data)}
    assert tiles["admissions.target_pct"]["value"] == 50.0  # 2 of the whole year's 4
    assert tiles["admissions.target_pct"]["label"].endswith("năm chưa hết, so với chỉ tiêu cả năm")


# --- 3. text that fits the level ------------------------------------------------------------


def test_commune_report_has_no_coverage_line_for_itself_nor_target_noise(province):
    text = body(service.build("G1", "2023-01-01", "2023-12-31"))
    assert "1/1 xã" not in text and "xã, phường, thị trấn có đảng bộ cơ sở" not in text
    assert "thôn, ấp, tổ dân phố có chi bộ" in text  # its villages still are coverage
    assert "chỉ tiêu" not in text  # no target was set for the commune
    assert "11-QĐ/TW" in text  # the commune's head holds dialogues


def test_school_cell_report_states_only_what_happened(province):
    text = body(service.build("GC", "2023-01-01", "2023-12-31"))
    assert "có 8 đảng viên, đều là đảng viên chính thức" in text
    assert not re.search(r"(?<![\d.,])0 (đảng viên|lớp|cuộc|lượt|trường hợp)", text)
    assert "theo chương trình, kế hoạch" not in text  # no inspection took place
    assert "11-QĐ/TW" not in text  # Quy định 11 binds the heads of committees, not a school cell
    assert "chưa giao chỉ tiêu" not in text
    assert "không có đảng viên bị thi hành kỷ luật" in text and "tổ chức đảng, đảng viên bị" not in text
    assert "ở một số nơi" not in text and "có lúc, có nơi" not in text  # one cell, not many places


CELL = [
    OrgName("Chi bộ Trường Tiểu học Một", "grassroots_cell"),
    OrgName("Đảng bộ huyện Một", "upper"),
    OrgName("Đảng bộ tỉnh Thử", "provincial"),
]


def _cell_ctx(values: dict) -> Context:
    return Context(full(values), describe("annual", D(2023, 1, 1), D(2023, 12, 31)), issuer_for(CELL), None, {})


def test_discipline_without_inspections_claims_no_inspection_programme():
    blocks = compose(_cell_ctx({"members.total": 8, "members.official": 8, "discipline.members.total": 1}))
    text = "\n".join(b.text for b in blocks)
    assert "đã thi hành kỷ luật 1 đảng viên" in text
    assert "theo chương trình, kế hoạch" not in text
    with_inspection = compose(_cell_ctx({"members.total": 8, "members.official": 8, "inspection.members": 2}))
    assert any("theo chương trình, kế hoạch" in b.text for b in with_inspection if isinstance(b, Para))


def test_probationary_only_cell_writes_no_zero():
    text = "\n".join(b.text for b in compose(_cell_ctx({"members.total": 3, "members.official": 0})))
    assert "có 3 đảng viên, đều là đảng viên dự bị" in text
    assert "0 đảng viên" not in text


def test_percent_change_is_rounded_once():
    # 36 / 550 = 6,5454…%: rounding to 6,55 then to one decimal would give 6,6.
    assert change_phrase(514, 550, "so với năm 2022") == "giảm 6,5% so với năm 2022"
    assert change_phrase(586, 550, "so với năm 2022") == "tăng 6,5% so với năm 2022"
