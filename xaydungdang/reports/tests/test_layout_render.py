"""Party-document layout checked on the rendered pages (issue 13 item 2): the DOCX printed by
LibreOffice (`soffice --headless --convert-to pdf`, as an office opens it) and our PDF (WeasyPrint),
read page by page with pdftotext (poppler-utils). For the province, a commune and a cell, each kind
of report: no page with only the signature, no blank page (nor "PHỤ LỤC" alone), annex tables with
their grid matching the cells and the labels not squeezed. Every DOCX is converted in one soffice run.
"""

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest

from xaydungdang.reports import service
from xaydungdang.reports.blocks import Para
from xaydungdang.reports.document import assemble
from xaydungdang.reports.issuer import OrgName
from xaydungdang.reports.renderers import docx as docx_renderer
from xaydungdang.reports.renderers import pdf as pdf_renderer
from xaydungdang.reports.tests.sample import sample_data
from xaydungdang.reports.tests.test_service import world  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice Writer and poppler-utils are installed by scripts/setup --test",
    ),
]
D = dt.date
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _to_pdf(docx_files: dict[str, bytes], folder) -> dict[str, list[str]]:
    """{name: [text of page 1, page 2, ...]} of each DOCX as LibreOffice prints it."""
    paths = []
    for name, content in docx_files.items():
        path = folder / f"{name}.docx"
        path.write_bytes(content)
        paths.append(str(path))
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *paths,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: _pages((folder / f"{name}.pdf").read_bytes(), folder / f"{name}.txt") for name in docx_files}


def _pages(pdf: bytes, scratch) -> list[str]:
    source = scratch.with_suffix(".in.pdf")
    source.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True)
    pages = text.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _check_pages(name: str, pages: list[str], report) -> None:
    closing = [b.text for b in report.body if isinstance(b, Para)][-1]
    for number, page in enumerate(pages, start=1):
        flat = _flat(page)
        # No blank page (a lone page number counts as blank), no annex title alone on its page.
        assert re.sub(r"\b\d+\b", "", flat).strip(), f"{name}: trang {number} trống"
        without_ref = re.sub(r"\(Kèm theo .*?\)", "", flat).strip()
        assert without_ref not in ("PHỤ LỤC", f"{number} PHỤ LỤC"), f"{name}: trang {number} chỉ có 'PHỤ LỤC'"
    signature = [i for i, page in enumerate(pages) if "Nơi nhận" in page]
    assert len(signature) == 1, f"{name}: {len(signature)} trang có khối chữ ký"
    page = _flat(pages[signature[0]])
    # The closing paragraph's last words stand on the signature's page.
    tail = " ".join(closing.split()[-4:])
    assert tail in page.split("Nơi nhận")[0], f"{name}: khối chữ ký đứng một mình ở trang {signature[0] + 1}"
    assert report.issuer.sign_for in page


def _check_grid(name: str, content: bytes) -> None:
    """Every DOCX table: fixed layout, w:gridCol widths = the cells' widths, rows kept whole."""
    from lxml import etree

    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml"))
    tables = xml.iter(f"{W}tbl")
    for index, table in enumerate(tables):
        grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        layout = table.find(f"{W}tblPr/{W}tblLayout")
        assert layout is not None and layout.get(f"{W}type") == "fixed", f"{name}: bảng {index}"
        for row in table.iter(f"{W}tr"):
            cells = row.findall(f"{W}tc")
            if len(cells) != len(grid):  # a merged group row
                continue
            widths = [int(c.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for c in cells]
            assert widths == grid, f"{name}: bảng {index} lưới {grid} khác ô {widths}"
            assert row.find(f"{W}trPr/{W}cantSplit") is not None, f"{name}: bảng {index} dòng bị tách trang"
        if index > 1:  # the annex tables (after the masthead and the signature) repeat their header
            assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
            assert grid[0] >= 4500, f"{name}: cột chỉ tiêu hẹp ({grid[0]} twips)"


@pytest.mark.django_db(transaction=False)
def test_libreoffice_pages_of_each_kind_for_province_commune_and_cell(world, tmp_path):  # noqa: F811
    periods = {
        "annual": (D(2023, 1, 1), D(2023, 12, 31)),
        "term": (D(2020, 10, 15), D(2023, 12, 31)),
        "charter": (D(2016, 1, 1), D(2023, 12, 31)),
    }
    reports, files = {}, {}
    for code in ("P", "G1", "C1"):
        for kind, (start, end) in periods.items():
            report = service.build(code, start, end, kind=kind)
            name = f"{code}-{kind}"
            reports[name] = report
            files[name] = docx_renderer.render(report)
            _check_grid(name, files[name])
    rendered = _to_pdf(files, tmp_path)
    # The year's statistical forms are annexed to the annual reports (on pages of their own).
    assert "Biểu số 1-BTCTW" in "".join(rendered["P-annual"]) and reports["P-annual"].form_tables
    for name, pages in rendered.items():
        _check_pages(name, pages, reports[name])
        # The annex labels stand whole on their line (not squeezed into a narrow column).
        assert any("Tổng số đảng viên" in line for line in "\n".join(pages).splitlines()) or "C1" in name
    # Our own PDF of the same reports follows the same rules (three of them: one per kind).
    for name in ("P-annual", "G1-term", "C1-charter"):
        _check_pages(f"{name}.pdf", _pages(pdf_renderer.render(reports[name]), tmp_path / f"{name}-w"), reports[name])


def _padded(extra: int):
    """A cell's report whose body is made longer paragraph by paragraph: the closing and the
    signature fall at every place of a page, the foot included."""
    data = sample_data()
    chain = [OrgName("Chi bộ Trường Tiểu học Một", "grassroots_cell"), OrgName("Đảng bộ huyện Một", "upper")]
    report = assemble(data, "annual", chain)
    filler = Para(
        "Chi bộ thường xuyên quán triệt, triển khai thực hiện các nghị quyết, chỉ thị của cấp trên; "
        "duy trì sinh hoạt chi bộ định kỳ, nâng cao chất lượng sinh hoạt."
    )
    report.body[-1:-1] = [filler] * extra
    return report


def test_signature_never_alone_wherever_the_body_ends(tmp_path):
    variants = {f"pad{n:02d}": _padded(n) for n in range(0, 28, 3)}
    files = {name: docx_renderer.render(report) for name, report in variants.items()}
    for name, pages in _to_pdf(files, tmp_path).items():
        _check_pages(name, pages, variants[name])
    for name, report in variants.items():
        _check_pages(f"{name}.pdf", _pages(pdf_renderer.render(report), tmp_path / f"{name}-w"), report)


def test_xlsx_numbers_read_the_same_in_an_english_libreoffice(tmp_path):
    """Counts as 48.879 and percentages as 100,05% whatever the reader's locale (issue 13 item 6)."""
    import os

    from xaydungdang.reports.renderers import xlsx as xlsx_renderer

    report = assemble(sample_data(), "annual", [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")])
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(xlsx_renderer.render(report))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env={**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"},
    )
    text = _flat(" ".join(_pages((tmp_path / "phu-luc.pdf").read_bytes(), tmp_path / "x")))
    assert "48.879" in text and "100,05%" in text and "01/01/2023" in text
    assert "48,879" not in text and "100.05%" not in text
