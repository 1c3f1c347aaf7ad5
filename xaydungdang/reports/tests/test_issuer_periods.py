"""Issuer lines, number symbols, places and period phrases (36-HD/VPTW conventions)."""

import datetime as dt

import pytest

from xaydungdang.reports.issuer import OrgName, committee_name, issuer_for
from xaydungdang.reports.periods import describe, parse_term, term_years

D = dt.date
ST = OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")
MX = OrgName("Đảng bộ huyện Mỹ Xuyên", "upper")
DT = OrgName("Đảng bộ xã Đại Tâm", "grassroots_committee")
CELL = OrgName("Chi bộ ấp Đại Ân", "cell")


def test_provincial_issuer():
    issuer = issuer_for([ST])
    assert (issuer.parent_line, issuer.name_line, issuer.symbol) == ("", "TỈNH ỦY SÓC TRĂNG", "TU")
    assert issuer.sign_for == "T/M BAN THƯỜNG VỤ" and issuer.sign_title == "BÍ THƯ"
    assert issuer.place == "Sóc Trăng"
    assert issuer.actor == "Ban Thường vụ Tỉnh ủy"
    assert issuer.body_name == "Ban Thường vụ Tỉnh ủy Sóc Trăng"
    assert issuer.recipients[0] == "Ban Tổ chức Trung ương (b/c),"
    assert issuer.recipients[-1] == "Lưu Văn phòng Tỉnh ủy."


def test_district_issuer_has_the_province_above():
    issuer = issuer_for([MX, ST])
    assert (issuer.parent_line, issuer.name_line, issuer.symbol) == (
        "ĐẢNG BỘ TỈNH SÓC TRĂNG",
        "HUYỆN ỦY MỸ XUYÊN",
        "HU",
    )
    assert issuer.place == "Mỹ Xuyên"
    assert "Ban Thường vụ Tỉnh ủy (b/c)," in issuer.recipients


@pytest.mark.parametrize(
    "name, committee, symbol",
    [
        ("Đảng bộ thị xã Vĩnh Châu", "Thị ủy Vĩnh Châu", "TU"),
        ("Đảng bộ thành phố Sóc Trăng", "Thành ủy Sóc Trăng", "TU"),
        ("Đảng bộ quận Ninh Kiều", "Quận ủy Ninh Kiều", "QU"),
        ("Đảng bộ Khối cơ quan và doanh nghiệp tỉnh", "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh", "ĐU"),
    ],
)
def test_upper_level_committee_names(name, committee, symbol):
    issuer = issuer_for([OrgName(name, "upper"), ST])
    assert issuer.committee == committee and issuer.symbol == symbol


def test_grassroots_committee_and_cell():
    committee = issuer_for([DT, MX, ST])
    assert (committee.parent_line, committee.name_line, committee.symbol) == (
        "ĐẢNG BỘ HUYỆN MỸ XUYÊN",
        "ĐẢNG ỦY XÃ ĐẠI TÂM",
        "ĐU",
    )
    assert committee.sign_for == "T/M ĐẢNG ỦY" and committee.place == "Đại Tâm"
    assert committee.recipients[0] == "Ban Thường vụ Huyện ủy (b/c),"
    cell = issuer_for([CELL, DT, MX, ST])
    assert (cell.parent_line, cell.name_line, cell.symbol) == ("ĐẢNG ỦY XÃ ĐẠI TÂM", "CHI BỘ ẤP ĐẠI ÂN", "CB")
    assert cell.sign_for == "T/M CHI BỘ" and cell.is_cell
    # A hamlet is not an administrative unit of the date line: the commune's name is used.
    assert cell.place == "Đại Tâm"
    assert cell.recipients == ("Đảng ủy xã Đại Tâm (b/c),", "Lưu Chi bộ.")


def test_committee_name_of_unprefixed_names():
    assert committee_name(OrgName("Trường Đại học Cần Thơ", "grassroots_committee")) == "Đảng ủy Trường Đại học Cần Thơ"
    assert committee_name(OrgName("Trường Tiểu học Một", "grassroots_cell")) == "Chi bộ Trường Tiểu học Một"


def test_annual_period_phrases():
    year = describe("annual", D(2023, 1, 1), D(2023, 12, 31))
    assert year.summary == "tổng kết công tác xây dựng Đảng năm 2023"
    assert (year.opening, year.previous_ref, year.next_label) == ("Năm 2023", "so với năm 2022", "năm 2024")
    half = describe("annual", D(2023, 1, 1), D(2023, 6, 30))
    assert half.summary == "sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2023"
    other = describe("annual", D(2023, 3, 1), D(2023, 8, 31))
    assert other.span == "từ ngày 01/03/2023 đến ngày 31/08/2023" and other.previous_ref == "so với kỳ trước"
    years = describe("annual", D(2021, 1, 1), D(2023, 12, 31))
    assert years.span == "giai đoạn 2021–2023" and years.previous_ref == "so với giai đoạn 2018–2020"


def test_term_and_charter_phrases():
    term = describe("term", D(2020, 10, 15), D(2024, 2, 29))
    assert term.summary == "tổng kết công tác xây dựng Đảng nhiệm kỳ 2020–2025"
    assert term.opening == "Từ đầu nhiệm kỳ 2020–2025 đến nay"
    assert term.previous_ref == "so với cùng kỳ nhiệm kỳ trước" and term.next_label == "nhiệm kỳ 2025–2030"
    assert term_years(D(2019, 3, 1)) == (2015, 2020) and term_years(D(2025, 10, 1)) == (2025, 2030)
    assert describe("term", D(2021, 1, 1), D(2023, 12, 31), (2020, 2025)).span == "nhiệm kỳ 2020–2025"
    charter = describe("charter", D(2011, 1, 1), D(2025, 12, 31))
    assert charter.summary == "tổng kết 15 năm thi hành Điều lệ Đảng (2011–2025)"


def test_parse_term():
    assert parse_term("2020-2025") == (2020, 2025) == parse_term("2020–2025")
    for bad in ("2020", "2025-2020", "20-25", "abc-def"):
        with pytest.raises(ValueError):
            parse_term(bad)
