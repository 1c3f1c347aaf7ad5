"""The service on a real database through the real engine: figures, scope, errors, audit;
and `xdd report` end to end (outputs and exit codes)."""

import datetime as dt
import io
import json

import pytest
from docx import Document

from xaydungdang import cli
from xaydungdang.accounts.actions import create_user
from xaydungdang.admissions.actions import set_target
from xaydungdang.conftest import person
from xaydungdang.core.errors import DomainError, PermissionDenied
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import actions as members
from xaydungdang.organizations import actions as org
from xaydungdang.reports import service

D = dt.date


def _opening(no, cell, **extra):
    data = person(no, joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1), **extra)
    return members.enter_member(data, entry="opening", cell=cell, on=D(2019, 1, 1))


@pytest.fixture
def world(tree):
    """P: C1 has 3 official members, C2 one, GC none (one probationary): two cells below three.
    2023: 2 admissions against a target of 4; one probationary member from 2022 is overdue."""
    for no in ("A1", "A2", "A3"):
        _opening(no, tree["C1"])
    _opening("B1", tree["C2"], gender="female")
    members.admit(person("N0"), tree["C1"], D(2022, 5, 1))
    members.admit(person("N1", gender="female", ethnicity="Khmer"), tree["GC"], D(2023, 3, 1))
    members.admit(person("N2"), tree["C1"], D(2023, 6, 1))
    set_target({"org_id": tree["P"].id, "period": "2023", "value": 4})
    return tree


def test_build_states_the_computed_figures(world):
    report = service.build("P", D(2023, 1, 1), D(2023, 12, 31), issued_on="15/01/2024")
    assert report.title == "Báo cáo tổng kết công tác xây dựng Đảng năm 2023"
    assert report.issuer.name_line == "TỈNH ỦY THỬ" and report.number_line.endswith("-BC/TU")
    assert report.date_line == "Thử, ngày 15 tháng 01 năm 2024"
    body = " ".join(block.text for block in report.body)
    assert "toàn Đảng bộ có 7 đảng viên (4 đảng viên chính thức, 3 đảng viên dự bị), tăng 2 đảng viên" in body
    assert (
        "đã kết nạp 2 đảng viên mới, đạt 50% so với chỉ tiêu được giao (4 đảng viên), tăng 100% so với năm 2022" in body
    )
    assert "trong đó người dân tộc thiểu số 1 đồng chí (50%), nữ 1 đồng chí (50%)" in body
    assert "Còn 2 chi bộ có dưới 3 đảng viên chính thức" in body and "Chi bộ ấp Hai" in body
    assert "còn thiếu 2 đảng viên so với chỉ tiêu" in body
    assert "Còn 1 đảng viên dự bị đã hết thời gian dự bị" in body
    assert [c.code for c in report.annex.columns] == ["P", "U2", "U1"]  # Vietnamese order: Hai before Một


def test_build_for_a_district_and_by_dates_as_text(world):
    report = service.build("U1", "01/01/2023", "2023-12-31", number="12", place="Huyện Một", signer="Nguyễn Văn A")
    assert (report.issuer.parent_line, report.issuer.name_line) == ("ĐẢNG BỘ TỈNH THỬ", "HUYỆN ỦY MỘT")
    assert report.number_line == "Số 12-BC/HU"
    assert report.date_line.startswith("Huyện Một, ngày ")
    assert report.signer == "Nguyễn Văn A"


@pytest.mark.parametrize(
    "args, message",
    [
        (("XX", D(2023, 1, 1), D(2023, 12, 31)), "Không tìm thấy tổ chức đảng có mã «XX»."),
        (("P", "2023-13-01", D(2023, 12, 31)), "Ngày bắt đầu không hợp lệ: «2023-13-01»"),
        (("P", D(2023, 12, 31), D(2023, 1, 1)), "Ngày bắt đầu 31/12/2023 sau ngày kết thúc 01/01/2023."),
        (("P", D(2014, 1, 1), D(2014, 12, 31)), "thành lập ngày 01/01/2015, sau ngày kết thúc kỳ báo cáo"),
    ],
)
def test_build_refuses_wrong_input(world, args, message):
    with pytest.raises(DomainError) as err:
        service.build(*args)
    assert message in err.value.message


def test_build_refuses_unknown_kind_and_term(world):
    with pytest.raises(DomainError, match="Loại báo cáo không hợp lệ"):
        service.build("P", D(2023, 1, 1), D(2023, 12, 31), kind="weekly")
    with pytest.raises(DomainError, match="Nhiệm kỳ không hợp lệ"):
        service.build("P", D(2021, 1, 1), D(2023, 12, 31), kind="term", term="2020")


def test_dissolved_organization(world):
    empty = org.found("CX", "Chi bộ ấp Ba", "cell", world["G1"], D(2015, 1, 1))
    org.dissolve(empty, D(2023, 7, 1))
    # A period running past the dissolution covers the unit's life in it, to the eve (issue 15).
    year = service.build("CX", D(2023, 1, 1), D(2023, 12, 31))
    assert year.data["period"] == {"from": "2023-01-01", "to": "2023-06-30"}
    assert year.data["requested_period"] == {"from": "2023-01-01", "to": "2023-12-31"}
    with pytest.raises(DomainError, match="đã giải thể ngày 01/07/2023"):
        service.build("CX", D(2023, 7, 1), D(2023, 12, 31))
    assert service.build("CX", D(2023, 1, 1), D(2023, 6, 30)).issuer.symbol == "CB"


def test_scope_of_the_user(world):
    user = create_user("xem-u2", world["U2"], "viewer", "Mat-khau-rat-dai-2024!", validate_password=False)
    assert service.build("U2", D(2023, 1, 1), D(2023, 12, 31), user=user).org["code"] == "U2"
    for code in ("U1", "P"):
        with pytest.raises(PermissionDenied):
            service.build(code, D(2023, 1, 1), D(2023, 12, 31), user=user)


@pytest.mark.slow
def test_render_every_format_is_audited(world):
    report = service.build("P", D(2023, 1, 1), D(2023, 12, 31))
    for fmt in service.FORMATS:
        rendered = service.render(report, fmt)
        assert rendered.content and rendered.content_type == service.CONTENT_TYPES[fmt]
        assert rendered.filename == f"bao-cao-tong-ket-P-2023-01-01-2023-12-31.{fmt}"
        entry = AuditEntry.objects.filter(action=f"report.{fmt}").latest("id")
        assert entry.org_id == world["P"].id and entry.after["format"] == fmt
    assert "7 đảng viên" in service.body_html(report)
    assert AuditEntry.objects.filter(action="report.view").count() == 1
    with pytest.raises(DomainError, match="Định dạng không hỗ trợ"):
        service.render(report, "odt")


def test_term_report(world):
    report = service.build("P", D(2020, 10, 15), D(2023, 12, 31), kind="term")
    assert report.summary == "tổng kết công tác xây dựng Đảng nhiệm kỳ 2020–2025"
    assert report.filename("docx") == "bao-cao-nhiem-ky-P-2020-10-15-2023-12-31.docx"
    body = " ".join(block.text for block in report.body)
    assert "Từ đầu nhiệm kỳ 2020–2025 đến nay, toàn Đảng bộ đã kết nạp 3 đảng viên mới" in body


# --- xdd report -------------------------------------------------------------------------------------


def _xdd(*args) -> int:
    return cli.main(["report", *args])


def test_cli_json_to_stdout(world, capsysbinary):
    assert _xdd("--org", "P", "--from", "2023-01-01", "--to", "31/12/2023", "--format", "json") == 0
    data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert data["org"] == {"code": "P", "name": "Đảng bộ tỉnh Thử"}
    assert data["period"] == {"from": "2023-01-01", "to": "2023-12-31"}
    assert data["indicators"]["members.total"] == 7 and data["indicators"]["admissions.target_pct"] == 50.0


@pytest.mark.slow
def test_cli_writes_files(world, tmp_path, monkeypatch, capsys):
    target = tmp_path / "bc.docx"
    assert (
        _xdd(
            "--org",
            "P",
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--kind",
            "annual",
            "--format",
            "docx",
            "-o",
            str(target),
            "--number",
            "07",
        )
        == 0
    )
    document = Document(io.BytesIO(target.read_bytes()))
    assert "Số 07-BC/TU" in document.tables[0].rows[0].cells[0].text
    monkeypatch.chdir(tmp_path)
    assert _xdd("--org", "U1", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "xlsx") == 0
    assert (tmp_path / "bao-cao-tong-ket-U1-2023-01-01-2023-12-31.xlsx").exists()
    assert "Đã ghi báo cáo vào tệp" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--org", "XX", "--from", "2023-01-01", "--to", "2023-12-31"], 1, "Không tìm thấy tổ chức đảng có mã «XX»."),
        (["--org", "P", "--from", "2023-02-30", "--to", "2023-12-31"], 1, "Ngày bắt đầu không hợp lệ"),
        (["--org", "P", "--from", "2023-12-31", "--to", "2023-01-01"], 1, "sau ngày kết thúc"),
        (
            [
                "--org",
                "P",
                "--from",
                "2023-01-01",
                "--to",
                "2023-12-31",
                "--format",
                "docx",
                "-o",
                "/no/such/dir/x.docx",
            ],
            1,
            "Không ghi được tệp",
        ),
        (["--from", "2023-01-01", "--to", "2023-12-31"], 2, "--org"),
        (["--org", "P", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "odt"], 2, "--format"),
        (["--org", "P", "--from", "2023-01-01", "--to", "2023-12-31", "--kind", "weekly"], 2, "--kind"),
    ],
)
def test_cli_exit_codes(world, capsys, args, code, message):
    assert _xdd(*args) == code
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_cli_many_formats_build_once_into_a_folder(world, tmp_path, capsys, monkeypatch):
    """`--format docx,pdf,xlsx -o DIR`: the report is built once, each format written into DIR."""
    calls = []
    build = service.build
    monkeypatch.setattr(service, "build", lambda *a, **k: calls.append(a) or build(*a, **k))
    target = tmp_path / "ra"
    args = ("--org", "P", "--from", "2023-01-01", "--to", "2023-12-31", "--date", "15/01/2024")
    assert _xdd(*args, "--format", "docx,pdf, xlsx,json", "-o", str(target)) == 0
    assert len(calls) == 1
    stem = "bao-cao-tong-ket-P-2023-01-01-2023-12-31"
    assert sorted(p.name for p in target.iterdir()) == [f"{stem}.{e}" for e in ("docx", "json", "pdf", "xlsx")]
    assert (target / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert json.loads((target / f"{stem}.json").read_text("utf-8"))["org"]["code"] == "P"
    document = Document(io.BytesIO((target / f"{stem}.docx").read_bytes()))
    assert "ngày 15 tháng 01 năm 2024" in document.tables[0].rows[0].cells[1].text
    assert capsys.readouterr().out.count("Đã ghi báo cáo vào tệp") == 4
    # Standard output cannot take several files; an unknown format among them is a usage error.
    assert _xdd(*args, "--format", "docx,pdf", "-o", "-") == 2
    assert "thư mục" in capsys.readouterr().err
    assert _xdd(*args, "--format", "docx,odt", "-o", str(target)) == 2
    assert "«odt»" in capsys.readouterr().err


def test_date_line_blank_unless_given(world):
    report = service.build("P", D(2023, 1, 1), D(2023, 12, 31))
    assert report.issued_on is None
    assert report.date_line == "Thử, ngày ..... tháng ..... năm ........"
    dated = service.build("P", D(2023, 1, 1), D(2023, 12, 31), issued_on="05/03/2024")
    assert dated.date_line == "Thử, ngày 5 tháng 3 năm 2024"


def test_cell_masthead_and_a_school_cell_dated_from_its_commune(world):
    from xaydungdang.organizations.models import Locality

    cell = service.build("C1", D(2023, 1, 1), D(2023, 12, 31))
    assert (cell.issuer.parent_line, cell.issuer.name_line) == ("ĐẢNG ỦY XÃ MỘT", "CHI BỘ ẤP MỘT")
    assert cell.number_line.endswith("-BC/CB") and cell.place == "Một"
    # GC (a school's grassroots cell under the district) works in "xã Hai": its date line says so.
    assert service.build("GC", D(2023, 1, 1), D(2023, 12, 31)).place == "Hai"  # the district's name
    commune = Locality.objects.create(code="L.X", name="xã Tân Hai", kind="commune")
    school = Locality.objects.create(code="L.S", name="Trường Tiểu học", kind="school", parent=commune)
    world["GC"].locality = school
    world["GC"].save(update_fields=["locality"])
    from xaydungdang.organizations import tree

    tree.invalidate()
    report = service.build("GC", D(2023, 1, 1), D(2023, 12, 31))
    assert report.place == "Tân Hai" and report.date_line.startswith("Tân Hai, ngày ")


def test_annual_report_annexes_the_statistical_forms_of_its_year(world):
    from xaydungdang.indicators.statforms import compute_forms

    report = service.build("P", D(2023, 1, 1), D(2023, 12, 31))
    forms = compute_forms("P", "2023")
    assert [t.title.split(".")[0] for t in report.form_tables] == [f["symbol"] for f in forms]
    first = report.form_tables[0]
    assert len(first.rows) == len(forms[0]["rows"]) and len(first.header) == 1 + len(forms[0]["columns"])
    document = Document(io.BytesIO(service.render(report, "docx").content))
    titles = [p.text for p in document.paragraphs if p.text.startswith("Biểu số")]
    assert titles == [t.title for t in report.form_tables]
    # Not for a span that is not a calendar year, and not on the page on screen.
    assert service.build("P", D(2023, 1, 1), D(2023, 6, 30)).form_tables == []
    assert "Biểu số" not in service.body_html(report)
