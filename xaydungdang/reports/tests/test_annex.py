"""The annex tables: column titles, chunks for print, zero rows, comparison rows."""

from xaydungdang.reports.annex import build_annex, column_groups, column_title, comparison_rows, printed
from xaydungdang.reports.tests.sample import full, sample_data


def _with_children(count: int) -> dict:
    data = sample_data()
    data["annex"] = [
        {
            "org": {"id": 100 + i, "code": f"H{i:02d}", "name": f"Đảng bộ huyện Số {i}", "kind": "upper"},
            "indicators": full({"members.total": 1000 + i}),
        }
        for i in range(count)
    ]
    return data


def test_column_titles():
    assert column_title("Đảng bộ huyện Mỹ Xuyên", "upper") == "Huyện Mỹ Xuyên"
    assert column_title("Đảng bộ bộ phận ấp 3", "sub_committee") == "Ấp 3"
    assert column_title("Chi bộ ấp Một", "cell") == "Chi bộ ấp Một"
    assert column_title("Đảng bộ tỉnh Sóc Trăng", "provincial", whole=True) == "Toàn Đảng bộ"
    assert column_title("Chi bộ ấp Một", "cell", whole=True) == "Toàn Chi bộ"


def test_print_chunks_repeat_the_whole_column():
    annex = build_annex(_with_children(13))
    groups = column_groups(annex, 6)
    assert [len(g) for g in groups] == [6, 6, 4]
    assert all(g[0] == 0 for g in groups)
    assert sorted({i for g in groups for i in g}) == list(range(14))  # every child printed once
    tables = list(printed(annex, 6))
    assert len(tables) == 3
    header, rows, groups_by_row = tables[2]
    assert header == ["Chỉ tiêu", "Toàn Đảng bộ", "Huyện Số 10", "Huyện Số 11", "Huyện Số 12"]
    labels = [row[0] for row in rows]
    assert "Tổng số đảng viên" in labels
    assert "Kỷ luật cách chức" in labels  # non-zero somewhere (the whole): printed everywhere
    assert "Cụ thể hóa: chỉ thị" not in labels  # zero for every organization: left out of print
    assert groups_by_row[0] == "Tổ chức đảng"
    assert len(list(printed(build_annex(_with_children(3)), 6))) == 1
    assert len(list(printed(build_annex(_with_children(13))))) == 2  # 8 columns a page by default


def test_own_keys_only_in_the_full_annex():
    assert any(title == "Của riêng cấp ủy" for title, _ in build_annex(sample_data()).sections)
    assert not any(title == "Của riêng cấp ủy" for title, _ in build_annex(sample_data(), include_own=False).sections)


def test_comparison_rows():
    rows = {row[0]: row[1:] for row in comparison_rows(sample_data())}
    assert rows["Tổng số đảng viên"] == ["48.879", "47.389", "+1.490 (+3,1%)"]
    assert rows["Tỷ lệ đạt chỉ tiêu (%)"] == ["100,05%", "103,47%", "−3,42 điểm %"]
    assert rows["Đảng viên bị kỷ luật"] == ["45", "50", "−5 (−10%)"]
    data = sample_data()
    del data["previous"]
    assert comparison_rows(data) is None
    # Records that start inside the previous period (no members before it): no comparison.
    assert comparison_rows(sample_data(previous={"members.total": 500, "members.net_change": 500})) is None


def test_print_leaves_out_the_committees_own_figures():
    _header, rows, groups = next(printed(build_annex(sample_data())))
    assert "Của riêng cấp ủy" not in groups.values()
    assert not any(row[0].endswith("(của cấp này)") for row in rows)
