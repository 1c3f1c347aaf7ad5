"""The forms' additions to the interchange format (spec/forms.md "Interchange additions") for events
and organizations: unit_type, the new member_events types and counterpart, awards.award flag and the
optional table temporary_arrivals. They import with Vietnamese headers and labels, refuse bad rows
naming table/row/column, export and re-import exactly; version-1 datasets import unchanged."""

import pytest

from xaydungdang.activities.models import Award
from xaydungdang.interchange import synth
from xaydungdang.interchange.exporter import export_path
from xaydungdang.interchange.importer import import_path, import_tables
from xaydungdang.interchange.tests.helpers import add_row, copy_sample, messages, read_table, table_counts, write_table
from xaydungdang.interchange.tests.test_roundtrip import round_trip
from xaydungdang.members.models import Member, MemberEvent
from xaydungdang.organizations.models import Organization, TemporaryArrival

pytestmark = pytest.mark.django_db

ARRIVALS = ["Mã chi bộ tiếp nhận", "Ngày tiếp nhận", "Họ và tên", "Nơi sinh hoạt chính thức", "Đến ngày"]


def add_column(folder, table: str, header: str, values: dict[int, str] | None = None) -> None:
    rows = read_table(folder, table)
    rows[0].append(header)
    for n, row in enumerate(rows[1:], start=2):
        row.append((values or {}).get(n, ""))
    write_table(folder, table, rows)


def with_form_data(folder):
    add_column(folder, "organizations", "Loại hình cơ sở", {5: "Xã", 9: "cong lap"})
    add_column(folder, "member_events", "Nơi chuyển đến, chuyển đi", {4: "Tỉnh khác", 7: "same_province"})
    for type_, on, org, reason in [
        ("Phục hồi đảng tịch", "01/03/2022", "X1C", ""),
        ("Chuyển sinh hoạt đảng tạm thời", "01/04/2023", "TH", ""),
        ("Trở về sau sinh hoạt tạm thời", "01/04/2024", "", ""),
        ("Cấp lại thẻ đảng viên (do mất)", "01/05/2024", "", "00100009"),
        ("doi the", "01/06/2024", "", "00100010"),
    ]:
        member = "TM007" if type_.startswith("Phục hồi") else "TM001"
        add_row(
            folder,
            "member_events",
            {"Số lý lịch": member, "Loại biến động": type_, "Ngày hiệu lực": on, "Mã chi bộ": org, "Lý do": reason},
        )
    write_table(
        folder,
        "temporary_arrivals",
        [
            ARRIVALS,
            ["X1A", "15/02/2023", "Trần Văn Khách", "Đảng bộ tỉnh Bạn", "15/08/2023"],
            ["TH", "2024-01-10", "Lê Thị Mới", "", ""],
        ],
    )
    add_row(
        folder,
        "awards",
        {
            "Cấp khen thưởng": "TM",
            "Loại đối tượng": "org",
            "Đối tượng": "X1",
            "Hình thức khen thưởng": "Cờ",
            "Ngày khen thưởng": "01/12/2023",
        },
    )


def test_the_additions_import_with_vietnamese_headers_and_labels(tmp_path):
    folder = copy_sample(tmp_path)
    with_form_data(folder)
    report = import_path(folder)
    assert report.ok, messages(report)
    assert Organization.objects.get(code="X1").unit_type == "commune"
    assert Organization.objects.get(code="TH").unit_type == "public_service"
    tm007 = Member.objects.get(member_no="TM007")
    assert (tm007.state, tm007.current_cell.code) == ("active", "X1C")
    tm001 = Member.objects.get(member_no="TM001")
    assert tm001.current_cell.code == "X1A"  # temporary activity elsewhere: stays in X1A
    temporary = MemberEvent.objects.get(member=tm001, type="temporary_out")
    assert (temporary.org.code, temporary.from_cell.code, temporary.to_cell.code) == ("TH", "X1A", "X1A")
    assert set(MemberEvent.objects.exclude(counterpart="").values_list("type", "counterpart")) == {
        ("transferred_out", "other_province"),
        ("transferred_in", "same_province"),
    }
    assert list(TemporaryArrival.objects.order_by("on").values_list("org__code", "full_name", "home_org")) == [
        ("X1A", "Trần Văn Khách", "Đảng bộ tỉnh Bạn"),
        ("TH", "Lê Thị Mới", ""),
    ]
    assert Award.objects.filter(award="flag").count() == 1


def test_the_additions_export_and_reimport_exactly(tmp_path):
    folder = copy_sample(tmp_path)
    with_form_data(folder)

    def load():
        assert import_path(folder).ok

    for xlsx in (False, True):
        first, before, second, after = round_trip(load, tmp_path / f"rt{xlsx}", xlsx)
        assert second == first and after == before
    assert "commune" in first["organizations.csv"] and "public_service" in first["organizations.csv"]
    events = first["member_events.csv"]
    for word in ("restored", "temporary_out", "temporary_returned", "card_reissued", "card_replaced", "other_province"):
        assert word in events
    assert "Trần Văn Khách" in first["temporary_arrivals.csv"] and ",flag," in first["awards.csv"]


def test_synthetic_datasets_carry_each_addition_and_round_trip(tmp_path):
    tables = synth.dataset(synth.RandomChooser(11), synth.Sizes(members=250, records=40, max_events=8))
    types = {row["type"] for row in tables["member_events"]}
    assert {"restored", "card_reissued", "card_replaced", "temporary_out", "temporary_returned"} <= types
    removed, readmitted = set(), set()
    for row in tables["member_events"]:  # in each member's order
        if row["type"] in ("struck_off", "dismissed"):
            removed.add(row["member_no"])
        elif row["type"] == "admitted" and row["member_no"] in removed:
            readmitted.add(row["member_no"])
    assert readmitted  # kết nạp lại
    assert {row.get("counterpart") for row in tables["member_events"]} >= {"other_province", "same_province"}
    assert {row.get("unit_type") for row in tables["organizations"]} - {None}
    assert tables["temporary_arrivals"] and any(row["award"] == "flag" for row in tables["awards"])

    def load():
        report = import_tables(tables)
        assert report.ok, messages(report)

    first, before, second, after = round_trip(load, tmp_path, False)
    assert second == first and after == before


@pytest.fixture
def refused(tmp_path):
    def run(edit):
        folder = copy_sample(tmp_path, f"ds{len(list(tmp_path.iterdir()))}")
        edit(folder)
        before = table_counts()
        report = import_path(folder)
        assert not report.ok
        assert table_counts() == before
        return messages(report)

    return run


def test_counterpart_only_on_transfers_in_and_out(refused):
    errors = refused(lambda f: add_column(f, "member_events", "counterpart", {2: "tinh khac"}))
    assert errors == [
        'member_events, dòng 2, cột counterpart: Nơi chuyển đến, chuyển đi chỉ ghi cho biến động "Chuyển đến" '
        'hoặc "Chuyển đi".'
    ]
    errors = refused(lambda f: add_column(f, "member_events", "counterpart", {4: "nước ngoài"}))
    assert len(errors) == 1 and errors[0].startswith("member_events, dòng 4, cột counterpart:")


def test_restoration_and_temporary_activity_follow_the_rules(refused):
    errors = refused(
        lambda f: add_row(
            f,
            "member_events",
            {
                "Số lý lịch": "TM001",
                "Loại biến động": "phuc hoi dang tich",
                "Ngày hiệu lực": "01/03/2022",
                "Mã chi bộ": "X1A",
            },
        )
    )
    assert len(errors) == 1
    assert errors[0].startswith(
        "member_events, dòng 15, cột type: Chỉ phục hồi đảng tịch cho người đã bị xóa tên, khai trừ hoặc "
        "cho ra khỏi Đảng"
    )
    errors = refused(
        lambda f: add_row(
            f,
            "member_events",
            {"Số lý lịch": "TM006", "Loại biến động": "Chuyển sinh hoạt đảng tạm thời", "Ngày hiệu lực": "01/04/2023"},
        )
    )
    assert len(errors) == 1 and errors[0].startswith("member_events, dòng 15, cột type: Lâm Thị Em (TM006) đã từ trần")


def test_temporary_arrivals_are_checked(refused):
    def arrivals(*rows):
        return lambda f: write_table(f, "temporary_arrivals", [ARRIVALS, *rows])

    errors = refused(arrivals(["X1", "15/02/2023", "Trần Văn Khách", "", ""]))
    assert len(errors) == 1 and errors[0].startswith(
        "temporary_arrivals, dòng 2, cột org_code: Đảng bộ xã Một (X1) không phải chi bộ"
    )
    errors = refused(arrivals(["X1A", "15/02/2023", "Trần Văn Khách", "", "01/01/2023"]))
    assert errors == [
        "temporary_arrivals, dòng 2, cột until: Ngày kết thúc sinh hoạt tạm thời 01/01/2023 trước ngày 15/02/2023."
    ]
    errors = refused(arrivals(["X1B", "15/02/2023", "Trần Văn Khách", "", ""]))  # X1B dissolved 01/07/2022
    assert len(errors) == 1 and errors[0].startswith("temporary_arrivals, dòng 2, cột org_code:")
    errors = refused(arrivals(["X1A", "15/02/2023", "", "", ""]))
    assert len(errors) == 1 and errors[0].startswith("temporary_arrivals, dòng 2, cột full_name:")
