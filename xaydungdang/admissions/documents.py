"""The admission papers that are ours to print, generated as DOCX from the recorded steps
(python-docx, the party-document layout of the reports: Times New Roman 13, the issuer's header
block on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, A4 with the margins of 36-HD/VPTW):

- 6-KNĐ  Nghị quyết của chi bộ đề nghị kết nạp đảng viên (the cell's resolution);
- 8-KNĐ  Nghị quyết của đảng ủy cơ sở (proposing the admission, or deciding it when delegated);
- 9-KNĐ  Quyết định kết nạp đảng viên (the competent committee's decision).
"""

from xaydungdang.core import partydoc
from xaydungdang.core.errors import DomainError
from xaydungdang.core.formatting import date as fmt

FORMS = {
    "6-KND": "6-KNĐ",
    "8-KND": "8-KNĐ",
    "9-KND": "9-KNĐ",
}


def _signature(document, recipients, sign_for: str, title: str) -> None:
    """core.partydoc's block: the recipients one a line, then "Lưu."; the signer writes the name."""
    lines = [f"{name}," for name in recipients] + ["Lưu."]
    partydoc.signature(document, lines, sign_for, title, note="(Ký, ghi rõ họ tên)")


def _resolution(step) -> str:
    """ "Nghị quyết số 03-NQ/CB ngày 06/10/2025" (without "số" when no number was recorded)."""
    number = f" số {step.number}" if step.number else ""
    return f"Nghị quyết{number} ngày {fmt(step.on)}"


def _person(candidate) -> str:
    gender = "Nam" if candidate.gender == "male" else "Nữ"
    parts = [f"{candidate.full_name}, giới tính {gender}, sinh ngày {fmt(candidate.birth_date)}"]
    if candidate.ethnicity:
        parts.append(f"dân tộc {candidate.ethnicity}")
    if candidate.hometown:
        parts.append(f"quê quán {candidate.hometown}")
    if candidate.residence:
        parts.append(f"nơi cư trú {candidate.residence}")
    return ", ".join(parts)


def available(done: dict, grassroots_committee) -> list[str]:
    """The forms the recorded steps can fill (codes of FORMS)."""
    found = []
    if "cell_resolution" in done:
        found.append("6-KND")
        if grassroots_committee is not None:
            found.append("8-KND")
    if "decision" in done:
        found.append("9-KND")
    return found


def render(code: str, candidate, done: dict, names: dict) -> bytes:
    """One form for `candidate` with its active steps `done`. `names` gives the organizations'
    names: cell, cell_parent (the committee above the cell), grassroots (the đảng ủy cơ sở or
    None), grassroots_parent, decider, decider_parent; the committees that speak for them
    (cell_parent_committee, grassroots_committee "Đảng ủy xã Một", grassroots_parent_committee, decider_committee
    "Huyện ủy Một": organizations/naming.py) and the places of the date lines (cell_place,
    grassroots_place, decider_place); a missing committee or place falls back to the name, or none."""
    if code not in FORMS or code not in available(done, names.get("grassroots")):
        raise DomainError(f"Chưa đủ dữ liệu để in mẫu {FORMS.get(code, code)}: cần ghi bước tương ứng trước.")
    if code == "6-KND":
        return _cell_resolution(candidate, done, names)
    if code == "8-KND":
        return _committee_resolution(candidate, done, names)
    return _decision(candidate, done, names)


def _cell_resolution(candidate, done, names) -> bytes:
    step = done["cell_resolution"]
    dossier = done["dossier"]
    document = partydoc.new_document()
    number = f"Số {step.number}" if step.number else "Số ...-NQ/CB"
    place = partydoc.place_date(step.on, names.get("cell_place", ""))
    partydoc.header(document, names["cell_parent"], names["cell"], number, place)
    partydoc.line(document, "")
    partydoc.line(document, "NGHỊ QUYẾT", bold=True, size=15)
    partydoc.line(document, f"đề nghị kết nạp quần chúng {candidate.full_name} vào Đảng", bold=True)
    partydoc.line(document, "-----")
    present = step.members_present if step.members_present is not None else "..."
    total = step.members_total if step.members_total is not None else "..."
    votes = step.votes_for if step.votes_for is not None else "..."
    introducers = ", ".join(m.full_name for m in (dossier.introducer1, dossier.introducer2) if m)
    partydoc.body(
        document,
        [
            f"Ngày {fmt(step.on)}, {names['cell']} họp xét đề nghị kết nạp quần chúng {_person(candidate)} "
            "vào Đảng Cộng sản Việt Nam.",
            f"Tổng số đảng viên chính thức của chi bộ: {total}; có mặt: {present}.",
            f"Sau khi nghe đảng viên giới thiệu ({introducers}) báo cáo lý lịch, quá trình phấn đấu, "
            "ưu điểm, khuyết điểm của quần chúng; đối chiếu với tiêu chuẩn đảng viên, chi bộ thảo luận và biểu quyết.",
            f"Số đảng viên chính thức tán thành việc kết nạp: {votes}/{total}.",
            f"QUYẾT NGHỊ: Đề nghị cấp ủy có thẩm quyền xem xét, kết nạp quần chúng {candidate.full_name} "
            "vào Đảng Cộng sản Việt Nam.",
        ],
    )
    # The committee above the cell is the one the resolution goes to (the đảng ủy cơ sở, or the
    # upper committee for a grassroots cell).
    upper = names.get("cell_parent_committee") or names["cell_parent"] or "Cấp ủy cấp trên"
    _signature(document, [upper], f"T/M {names['cell'].upper()}", "BÍ THƯ")
    return partydoc.to_bytes(document)


def _committee_resolution(candidate, done, names) -> bytes:
    resolution = done["cell_resolution"]
    decision = done.get("decision")
    delegated = bool(decision and decision.delegated)
    day = decision.committee_resolution_on if decision else None
    number = decision.committee_resolution_no if decision and decision.committee_resolution_no else "...-NQ/ĐU"
    committee = names.get("grassroots_committee") or names["grassroots"]
    upper = names.get("grassroots_parent_committee") or names["grassroots_parent"]
    document = partydoc.new_document()
    place = partydoc.place_date(day, names.get("grassroots_place", ""))
    partydoc.header(document, names["grassroots_parent"], committee, f"Số {number}", place)
    partydoc.line(document, "")
    partydoc.line(document, "NGHỊ QUYẾT", bold=True, size=15)
    verb = "kết nạp" if delegated else "đề nghị kết nạp"
    partydoc.line(document, f"{verb} đảng viên đối với quần chúng {candidate.full_name}", bold=True)
    partydoc.line(document, "-----")
    closing = (
        f"QUYẾT NGHỊ: Kết nạp quần chúng {candidate.full_name} vào Đảng Cộng sản Việt Nam (đảng ủy cơ sở "
        "được ủy quyền quyết định kết nạp)."
        if delegated
        else f"QUYẾT NGHỊ: Đề nghị Ban Thường vụ {upper} xem xét, quyết định kết nạp quần chúng "
        f"{candidate.full_name} vào Đảng Cộng sản Việt Nam."
    )
    partydoc.body(
        document,
        [
            f"Căn cứ {_resolution(resolution)} của {names['cell']} đề nghị kết nạp quần chúng {_person(candidate)}.",
            "Xét hồ sơ, kết quả thẩm tra lý lịch và ý kiến nhận xét của các đoàn thể, chi ủy nơi cư trú, "
            f"{committee} nhất trí với đề nghị của chi bộ.",
            closing,
        ],
    )
    recipients = [names["cell"], f"Ban Thường vụ {upper}" if upper else "Cấp ủy cấp trên"]
    _signature(document, recipients, "T/M ĐẢNG ỦY", "BÍ THƯ")
    return partydoc.to_bytes(document)


def _decision(candidate, done, names) -> bytes:
    decision = done["decision"]
    resolution = done["cell_resolution"]
    document = partydoc.new_document()
    committee = names.get("decider_committee") or names["decider"]
    place = partydoc.place_date(decision.on, names.get("decider_place", ""))
    partydoc.header(document, names["decider_parent"], committee, f"Số {decision.number}", place)
    partydoc.line(document, "")
    partydoc.line(document, "QUYẾT ĐỊNH", bold=True, size=15)
    partydoc.line(document, "kết nạp đảng viên", bold=True)
    partydoc.line(document, "-----")
    body_name = committee if decision.delegated else f"Ban Thường vụ {committee}"
    partydoc.line(document, body_name.upper(), bold=True)
    partydoc.body(
        document,
        [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam và các quy định, hướng dẫn thi hành Điều lệ Đảng;",
            f"Xét {_resolution(resolution)} của {names['cell']} đề nghị kết nạp "
            f"quần chúng {candidate.full_name} vào Đảng;",
        ],
    )
    partydoc.line(document, "QUYẾT ĐỊNH", bold=True)
    partydoc.body(
        document,
        [
            f"Điều 1. Kết nạp quần chúng {_person(candidate)} vào Đảng Cộng sản Việt Nam.",
            "Thời gian dự bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
            f"Điều 2. {names['cell']} tổ chức lễ kết nạp trong thời hạn 30 ngày làm việc kể từ ngày nhận được "
            "quyết định; các cơ quan liên quan và đảng viên có tên tại Điều 1 thi hành quyết định này.",
        ],
    )
    title = "BÍ THƯ" if decision.delegated else "PHÓ BÍ THƯ"
    sign_for = "T/M ĐẢNG ỦY" if decision.delegated else "T/M BAN THƯỜNG VỤ"
    _signature(document, ["Như Điều 2", names["cell"]], sign_for, title)
    return partydoc.to_bytes(document)
