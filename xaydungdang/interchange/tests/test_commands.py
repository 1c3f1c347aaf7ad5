"""`xdd import PATH [--dry-run]` and `xdd export PATH` as cli.md specifies: exit codes,
errors one per line, counts, nothing written on error or dry run."""

from xaydungdang.cli import main
from xaydungdang.interchange.tests.helpers import SAMPLE, copy_sample, read_table, set_cell, table_counts
from xaydungdang.members.models import Member


def test_import_then_export(db, tmp_path, capsys):
    assert main(["import", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã nhập organizations 10, org_moves 1, localities 3, members 10, member_events 13")
    assert Member.objects.count() == 10
    assert main(["export", str(tmp_path / "out")]) == 0
    assert "members 10" in capsys.readouterr().out
    assert len(read_table(tmp_path / "out", "members")) == 11
    assert main(["export", str(tmp_path / "out.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_dry_run_prints_counts_and_writes_nothing(db, capsys):
    before = table_counts()
    assert main(["import", str(SAMPLE), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "members: 10 dòng" in out and "member_events: 13 dòng" in out and "chưa ghi gì" in out
    assert table_counts() == before


def test_errors_one_per_line_and_exit_1(db, tmp_path, capsys):
    folder = copy_sample(tmp_path)
    set_cell(folder, "members", 3, "Ngày sinh", "31/02/1990")
    set_cell(folder, "classes", 2, "Số lượt người", "nhiều")
    before = table_counts()
    assert main(["import", str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        'Tệp «members.csv», dòng 3, cột «Ngày sinh» (birth_date): Ngày "31/02/1990" không hợp lệ.',
        'Tệp «classes.csv», dòng 2, cột «Số lượt người» (participants): Giá trị "nhiều" không phải là số nguyên.',
        "Không nhập: bộ dữ liệu có 2 lỗi; chưa ghi gì vào cơ sở dữ liệu.",
    ]
    assert table_counts() == before


def test_dry_run_with_errors_exits_1(db, tmp_path, capsys):
    folder = copy_sample(tmp_path)
    set_cell(folder, "organizations", 2, "Loại tổ chức", "tỉnh ủy lâm thời")
    assert main(["import", str(folder), "--dry-run"]) == 1
    assert "Tệp «organizations.csv», dòng 2, cột «Loại tổ chức» (kind)" in capsys.readouterr().err


def test_usage_errors_exit_2(db, capsys):
    assert main(["import"]) == 2
    assert main(["export"]) == 2
    assert main(["import", str(SAMPLE), "--khong-co"]) == 2


def test_missing_path_exits_1(db, tmp_path, capsys):
    assert main(["import", str(tmp_path / "khong-co")]) == 1
    assert "Không tìm thấy" in capsys.readouterr().err


def test_export_of_one_subtree(db, tmp_path, capsys):
    """`xdd export PATH --org CODE` (an extension of cli.md): the subtree, plus reference rows for
    the organizations its records name (X1B, dissolved, where TM002 opened) and those above."""
    assert main(["import", str(SAMPLE)]) == 0
    assert main(["export", str(tmp_path / "x1"), "--org", "X1"]) == 0
    codes = {row[0] for row in read_table(tmp_path / "x1", "organizations")[1:]}
    assert codes == {"TM", "H1", "X1", "X1A", "X1B", "X1C", "BP", "BP1"}
    members = {row[0] for row in read_table(tmp_path / "x1", "members")[1:]}
    inside = {"X1", "X1A", "X1C", "BP", "BP1"}  # today's subtree of X1
    expected = set(Member.objects.filter(current_cell__code__in=inside).values_list("member_no", flat=True))
    assert members == expected and 0 < len(expected) < Member.objects.count()
    capsys.readouterr()
    assert main(["export", str(tmp_path / "x9"), "--org", "KHONGCO"]) == 1
    assert capsys.readouterr().err.strip() == 'Không có tổ chức mã "KHONGCO" trong hệ thống.'
