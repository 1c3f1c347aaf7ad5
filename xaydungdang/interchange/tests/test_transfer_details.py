"""The other side of a transfer and its letter (issue 12 item 5) travel through the interchange:
optional member_events columns, exported and re-imported, checked like the form checks them."""

import datetime as dt

import pytest

from xaydungdang.conftest import person
from xaydungdang.interchange.tests.helpers import copy_sample, messages, read_table, write_table
from xaydungdang.interchange.tests.test_roundtrip import round_trip
from xaydungdang.members.models import EventType, MemberEvent

D = dt.date


def _load(tree: dict):
    def load():
        from xaydungdang.members import actions
        from xaydungdang.organizations import actions as org_actions

        found = org_actions.found
        tree["P"] = found("P", "Đảng bộ tỉnh Thử", "provincial", None, D(2015, 1, 1))
        tree["U1"] = found("U1", "Đảng bộ huyện Một", "upper", tree["P"], D(2015, 1, 1))
        tree["U2"] = found("U2", "Đảng bộ huyện Hai", "upper", tree["P"], D(2015, 1, 1))
        tree["G1"] = found("G1", "Đảng bộ xã Một", "grassroots_committee", tree["U1"], D(2015, 1, 1))
        tree["C1"] = found("C1", "Chi bộ ấp Một", "cell", tree["G1"], D(2015, 1, 1))
        tree["C2"] = found("C2", "Chi bộ ấp Hai", "cell", tree["G1"], D(2015, 1, 1))
        a = actions.enter_member(person("A1"), entry="opening", cell=tree["C1"], on=D(2019, 1, 1))
        b = actions.enter_member(person("B1", "Trần Thị Bình"), entry="opening", cell=tree["C1"], on=D(2019, 1, 1))
        actions.transfer(a, tree["C2"], D(2020, 2, 1), letter_no="3-GGT", letter_on=D(2020, 1, 20))
        actions.transfer_out(a, D(2021, 5, 1), other_org=tree["U2"], letter_no="9-GGT/HU", letter_on=D(2021, 4, 28))
        actions.transfer_out(
            b, D(2021, 6, 1), other_place="Đảng ủy xã An Bình, TP. Cần Thơ", counterpart="other_province"
        )
        actions.transfer_back_in(b, tree["C2"], D(2022, 6, 1), other_place="Đảng ủy xã An Bình, TP. Cần Thơ")

    return load


@pytest.mark.django_db(transaction=False)
def test_transfer_details_make_the_round_trip(tmp_path):
    tree = {}
    first, before, second, after = round_trip(_load(tree), tmp_path, False)
    assert second == first and after == before
    events = first["member_events.csv"]
    assert "other_org_code" in events.splitlines()[0] and "letter_on" in events.splitlines()[0]
    assert ",U2,,9-GGT/HU,2021-04-28" in events
    assert "Đảng ủy xã An Bình, TP. Cần Thơ" in events and ",3-GGT,2020-01-20" in events


EXTRA = ["Mã tổ chức nơi đến, nơi đi", "Nơi đến, nơi đi (ngoài hệ thống)", "Số giấy giới thiệu", "Ngày giấy giới thiệu"]


def _with_columns(folder, edit) -> None:
    """The sample's member_events with the four columns under their Vietnamese headers; `edit(rows)`
    fills them (rows as dicts by header)."""
    rows = read_table(folder, "member_events")
    header = rows[0] + EXTRA
    table = [dict(zip(header, r + [""] * len(EXTRA))) for r in rows[1:]]
    edit(table)
    write_table(folder, "member_events", [header] + [[r.get(h, "") for h in header] for r in table])


@pytest.mark.django_db
def test_the_importer_reads_the_columns_by_their_vietnamese_names(tmp_path):
    from xaydungdang.interchange.importer import import_path

    folder = copy_sample(tmp_path)

    def edit(table):
        out = next(r for r in table if r["Loại biến động"] == "Chuyển đi")
        out.update({EXTRA[1]: "Đảng ủy phường 1, TP. Cần Thơ", EXTRA[2]: "15-GGT/ĐU", EXTRA[3]: "25/02/2021"})

    _with_columns(folder, edit)
    report = import_path(folder)
    assert report.ok, messages(report)
    event = MemberEvent.objects.get(type=EventType.TRANSFERRED_OUT, member__member_no="TM010")
    assert (event.other_place, event.letter_no, event.letter_on) == (
        "Đảng ủy phường 1, TP. Cần Thơ",
        "15-GGT/ĐU",
        D(2021, 2, 25),
    )


@pytest.mark.django_db
def test_the_importer_checks_the_columns(tmp_path):
    from xaydungdang.interchange.importer import import_path

    folder = copy_sample(tmp_path)

    def edit(table):
        out = next(r for r in table if r["Loại biến động"] == "Chuyển đi")
        out[EXTRA[0]] = "KHONG.CO"
        recognized = next(r for r in table if r["Loại biến động"] == "Công nhận đảng viên chính thức")
        recognized.update({EXTRA[1]: "Cần Thơ", EXTRA[2]: "1"})

    _with_columns(folder, edit)
    report = import_path(folder)
    text = "\n".join(messages(report))
    assert not report.ok
    assert 'Không có tổ chức mã "KHONG.CO"' in text
    assert "Nơi đến, nơi đi chỉ ghi cho" in text and "Giấy giới thiệu chỉ ghi cho" in text
    assert not MemberEvent.objects.exists()
