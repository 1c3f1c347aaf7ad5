"""The proposal list of a round as XLSX (every cell through core.spreadsheet.safe_cell) and as a
party document in DOCX (the report's layout: masthead of the issuing committee, Times New Roman,
36-HD/VPTW margins, a table grouped by milestone, the signature block; reports.renderers.docx)."""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from xaydungdang.badges.eligibility import Proposal, round_label
from xaydungdang.core.spreadsheet import print_on_a4, safe_row

HEADER = ["STT", "Họ và tên", "Số lý lịch", "Ngày vào Đảng", "Tuổi đảng", "Huy hiệu (năm)", "Chi bộ", "Trường hợp"]
CONTRACT = ["member_no", "full_name", "years", "party_age_years", "party_age_months", "kind"]


def _cell_names(proposals: list[Proposal]) -> dict:
    from xaydungdang.organizations.models import Organization

    ids = {p.cell_id for p in proposals if p.cell_id}
    return dict(Organization.objects.filter(id__in=ids).values_list("id", "name"))


def title(org, day: dt.date) -> str:
    return f"Danh sách đảng viên đề nghị tặng Huy hiệu Đảng đợt {round_label(day)} — {org.name} ({org.code})"


def filename(org, day: dt.date, extension: str) -> str:
    return f"huy-hieu-dang-{org.code}-{day:%Y-%m-%d}.{extension}"


def _note(p: Proposal) -> str:
    if p.kind == "posthumous" and p.died_on:
        return f"{p.kind_label} (từ trần {p.died_on:%d/%m/%Y})"
    return p.kind_label


def xlsx(org, day: dt.date, proposals: list[Proposal]) -> bytes:
    cells = _cell_names(proposals)
    book = Workbook()
    sheet = book.active
    sheet.title = "Huy hiệu Đảng"
    sheet.append(safe_row([title(org, day)]))
    sheet["A1"].font = Font(bold=True)
    sheet.append(safe_row(HEADER + CONTRACT))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for index, p in enumerate(proposals, 1):
        sheet.append(
            safe_row(
                [
                    index,
                    p.full_name,
                    p.member_no,
                    p.joined_on.strftime("%d/%m/%Y"),
                    str(p.age),
                    p.years,
                    cells.get(p.cell_id, ""),
                    _note(p),
                    p.member_no,
                    p.full_name,
                    p.years,
                    p.age.years,
                    p.age.months,
                    p.kind,
                ]
            )
        )
    for column, width in zip("ABCDEFGH", (6, 28, 14, 14, 14, 10, 28, 24)):
        sheet.column_dimensions[column].width = width
    # The contract's columns (member_no … kind) are for programs: hidden, as the report's key column.
    for index in range(len(HEADER) + 1, len(HEADER) + len(CONTRACT) + 1):
        sheet.column_dimensions[get_column_letter(index)].hidden = True
    sheet.print_area = f"A1:{get_column_letter(len(HEADER))}{sheet.max_row}"  # the hidden columns not printed
    print_on_a4(sheet, landscape=True, title_rows="2:2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _chain(org, day: dt.date):
    from xaydungdang.organizations.tree import load_tree
    from xaydungdang.reports.issuer import OrgName

    tree = load_tree()
    ids = tree.snapshot(day).ancestors(org.id) or [org.id]
    if ids[0] != org.id:
        ids = [org.id, *ids]
    return [OrgName(tree.orgs[i].name, tree.orgs[i].kind) for i in ids if i in tree.orgs]


def docx(org, day: dt.date, proposals: list[Proposal]) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from xaydungdang.core import partydoc
    from xaydungdang.reports.document import BLANK_DATE, BLANK_NUMBER
    from xaydungdang.reports.issuer import issuer_for
    from xaydungdang.reports.renderers.docx import TABLE_STYLE, _page_number, _paragraph, _setup_styles

    issuer = issuer_for(_chain(org, day))
    document = Document()
    _setup_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _page_number(section)

    place = f"{issuer.place}, " if issuer.place else ""
    number = f"Số {BLANK_NUMBER}-DS/{issuer.symbol}"
    partydoc.header(document, issuer.parent_line, issuer.name_line, number, f"{place}{BLANK_DATE}")

    _paragraph(document, "")
    _paragraph(document, "DANH SÁCH", bold=True, size=16)
    _paragraph(document, f"đảng viên đề nghị tặng Huy hiệu Đảng đợt {round_label(day)}", bold=True)
    _paragraph(document, f"(tuổi đảng tính đến ngày {day:%d/%m/%Y})", italic=True)
    _paragraph(document, "-----")
    _paragraph(document, "")

    cells = _cell_names(proposals)
    header = ["STT", "Họ và tên", "Số lý lịch", "Ngày vào Đảng", "Tuổi đảng", "Chi bộ", "Ghi chú"]
    widths = [1.2, 3.8, 2.0, 2.3, 2.3, 2.6, 2.3]  # 16,5 cm; "STT" and the notes on their lines
    groups: dict[int, list[Proposal]] = {}
    for p in proposals:
        groups.setdefault(p.years, []).append(p)
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    style_id = document.styles[TABLE_STYLE].style_id
    partydoc.repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, header):
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    number = 0
    for years in sorted(groups, reverse=True):
        members = groups[years]
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        paragraph = merged.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.add_run(f"Huy hiệu {years} năm tuổi đảng ({len(members)} đồng chí)").bold = True
        for p in members:
            number += 1
            values = [
                str(number),
                p.full_name,
                p.member_no,
                p.joined_on.strftime("%d/%m/%Y"),
                str(p.age),
                cells.get(p.cell_id, ""),
                "" if p.kind == "regular" else _note(p),
            ]
            row = table.add_row()
            for column, (cell, text) in enumerate(zip(row.cells, values)):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = style_id
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if column in (1, 5, 6) else WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(text)
    if not proposals:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.paragraphs[0]._p.style = style_id
        merged.paragraphs[0].add_run("Không có đảng viên đủ điều kiện trong đợt này.").italic = True
    partydoc.set_widths(table, widths)  # rows never split, too

    _paragraph(document, "")
    _paragraph(
        document,
        f"Tổng số: {len(proposals)} đồng chí.",
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    partydoc.signature(document, issuer.recipients, issuer.sign_for, issuer.sign_title)
    document.core_properties.title = title(org, day)
    document.core_properties.author = issuer.committee
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
