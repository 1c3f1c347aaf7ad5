"""Part I of a report: what was done, one function per field of work.

Each function returns the paragraphs (plain strings) stating its figures; a figure that is
zero is left out rather than written as "0 lớp", and a function with nothing to state
returns an empty list so that its heading disappears too.
"""

from xaydungdang.activities.models import CadreKind, DocumentType
from xaydungdang.core.formatting import percent
from xaydungdang.reports.narrative.context import Context, capital, counted, join, num, share

_CLASS_PHRASES = [
    # (kind, with participants, without participants)
    (
        "resolution_study",
        "{c} lớp quán triệt nghị quyết, chỉ thị với {p} lượt người tham dự",
        "{c} lớp quán triệt nghị quyết, chỉ thị",
    ),
    ("thematic", "{c} lớp học tập chuyên đề với {p} lượt người tham gia", "{c} lớp học tập chuyên đề"),
    (
        "party_awareness",
        "{c} lớp bồi dưỡng nhận thức về Đảng cho {p} quần chúng ưu tú",
        "{c} lớp bồi dưỡng nhận thức về Đảng",
    ),
    (
        "new_member",
        "{c} lớp bồi dưỡng lý luận chính trị cho {p} đảng viên mới",
        "{c} lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
    ),
    ("other", "{c} lớp bồi dưỡng khác với {p} lượt người tham gia", "{c} lớp bồi dưỡng khác"),
]

_CADRE_PHRASES = {
    CadreKind.PERSONNEL: "thực hiện quy trình công tác cán bộ (bổ nhiệm, giới thiệu ứng cử, điều động, "
    "luân chuyển) đối với {n} trường hợp",
    CadreKind.TRAINING: "cử đi đào tạo, bồi dưỡng {n} trường hợp",
    CadreKind.PLANNING: "rà soát, phê duyệt quy hoạch {n} trường hợp",
    CadreKind.CONFIDENCE_VOTE: "lấy phiếu tín nhiệm đối với {n} trường hợp",
    CadreKind.OTHER: "thực hiện các nội dung khác của công tác cán bộ đối với {n} trường hợp",
}

_AGE_BANDS = [
    ("upto_30", "đến 30 tuổi"),
    ("31_40", "từ 31 đến 40 tuổi"),
    ("41_50", "từ 41 đến 50 tuổi"),
    ("51_60", "từ 51 đến 60 tuổi"),
    ("61_70", "từ 61 đến 70 tuổi"),
    ("over_70", "trên 70 tuổi"),
]

_RATING_LEVELS = [
    ("excellent", "hoàn thành xuất sắc nhiệm vụ"),
    ("good", "hoàn thành tốt nhiệm vụ"),
    ("complete", "hoàn thành nhiệm vụ"),
    ("incomplete", "không hoàn thành nhiệm vụ"),
]


def _within(ctx: Context) -> str:
    return capital(ctx.period.within)


def _with_change(text: str, change: str) -> str:
    return f"{text}, {change}" if change else text


# --- 1. Political and ideological work ---------------------------------------------------------


def education(ctx: Context) -> list[str]:
    paras = []
    items = []
    for kind, with_people, without_people in _CLASS_PHRASES:
        classes = ctx.n(f"education.{kind}.classes")
        people = ctx.n(f"education.{kind}.participants")
        if classes:
            items.append((with_people if people else without_people).format(c=num(classes), p=num(people)))
    if items:
        text = f"{_within(ctx)}, {ctx.levels} đã tổ chức " + "; ".join(items)
        own = sum(ctx.n(f"own.education.{kind}.classes") for kind, *_ in _CLASS_PHRASES)
        total = sum(ctx.n(f"education.{kind}.classes") for kind, *_ in _CLASS_PHRASES)
        if own and own != total and not ctx.is_cell:
            text += f"; trong đó {ctx.issuer.actor} trực tiếp tổ chức {num(own)} lớp"
        paras.append(text + ".")
    return paras


# --- 2. Organization, grassroots organizations and members --------------------------------------


def documents(ctx: Context) -> list[str]:
    paras = []
    own_total = ctx.n("own.documents.concretized.total")
    own_reviews = ctx.n("own.documents.reviews")
    upper = "của Trung ương" if ctx.issuer.symbol == "TU" else "của cấp trên"
    if own_total or own_reviews:
        parts = []
        if own_total:
            kinds = counted(
                [(ctx.n(f"own.documents.concretized.{kind}"), label.lower()) for kind, label in DocumentType.choices]
            )
            detail = f" (gồm {', '.join(kinds)})" if kinds else ""
            parts.append(f"cụ thể hóa, ban hành và triển khai thực hiện {num(own_total)} văn bản {upper}{detail}")
        if own_reviews:
            parts.append(f"xây dựng {num(own_reviews)} văn bản sơ kết, tổng kết")
        paras.append(f"{ctx.issuer.leaders} đã " + "; ".join(parts) + ".")
    all_total = ctx.n("documents.concretized.total")
    all_reviews = ctx.n("documents.reviews")
    if (all_total, all_reviews) != (own_total, own_reviews) and (all_total or all_reviews) and not ctx.is_cell:
        parts = counted([(all_total, "văn bản cụ thể hóa"), (all_reviews, "văn bản sơ kết, tổng kết")])
        paras.append(f"Tính chung {ctx.issuer.whole}, cấp ủy các cấp đã ban hành {join(parts)}.")
    return paras


def organizations(ctx: Context) -> list[str]:
    if ctx.is_cell:
        return []
    parts = []
    direct = ctx.n("orgs.direct_committees")
    if direct:
        grassroots_direct = ctx.n("orgs.direct_committees_grassroots")
        inner = f" (trong đó có {num(grassroots_direct)} đảng bộ cơ sở)" if grassroots_direct else ""
        parts.append(f"{num(direct)} đảng bộ trực thuộc{inner}")
    grassroots = ctx.n("orgs.grassroots")
    if grassroots:
        inner = counted(
            [(ctx.n("orgs.grassroots_committees"), "đảng bộ cơ sở"), (ctx.n("orgs.grassroots_cells"), "chi bộ cơ sở")]
        )
        parts.append(f"{num(grassroots)} tổ chức cơ sở đảng ({', '.join(inner)})")
    parts += counted(
        [
            (ctx.n("orgs.sub_committees"), "đảng bộ bộ phận"),
            (ctx.n("orgs.subordinate_cells"), "chi bộ trực thuộc đảng ủy cơ sở"),
        ]
    )
    paras = []
    if parts:
        text = f"Đến ngày {ctx.period.end_text}, {ctx.issuer.whole} có {join(parts)}"
        # The organizations at the period's start, only where the records reach it: before the data
        # start the tree holds units "on paper" with no members recorded (650 in 2010).
        previous = ctx.prev("orgs.grassroots") if ctx.records.get("start_covered", True) else None
        if previous is not None and previous != grassroots and previous:
            word = "tăng" if grassroots > previous else "giảm"
            text += f"; số tổ chức cơ sở đảng {word} {num(abs(grassroots - previous))} {ctx.period.start_ref}"
        paras.append(text + ".")
    paras += coverage(ctx)
    return paras


def coverage(ctx: Context) -> list[str]:
    parts = []
    communes = ctx.n("coverage.communes")
    if communes > 1:  # a commune's own report: "1/1 xã … (100%)" says nothing
        with_committee = ctx.n("coverage.communes_with_committee")
        parts.append(
            f"{num(with_committee)}/{num(communes)} xã, phường, thị trấn có đảng bộ cơ sở"
            f"{share(with_committee, communes)}"
        )
    villages = ctx.n("coverage.villages")
    if villages:
        with_cell = ctx.n("coverage.villages_with_cell")
        parts.append(f"{num(with_cell)}/{num(villages)} thôn, ấp, tổ dân phố có chi bộ{share(with_cell, villages)}")
    if not parts:
        return []
    return [f"Về địa bàn: có {'; '.join(parts)}."]


def members(ctx: Context) -> list[str]:
    total = ctx.n("members.total")
    end = ctx.period.end_text
    if not total:
        return [f"Đến ngày {end}, {ctx.issuer.whole} chưa có đảng viên sinh hoạt."]
    official, probationary = ctx.n("members.official"), ctx.n("members.probationary")
    if official and probationary:
        status = f" ({num(official)} đảng viên chính thức, {num(probationary)} đảng viên dự bị)"
    else:  # no written zeros ("0 đảng viên dự bị")
        status = ", đều là đảng viên chính thức" if official else ", đều là đảng viên dự bị"
    text = f"Đến ngày {end}, {ctx.issuer.whole} có {num(total)} đảng viên{status}"
    net = ctx.net_change
    base = ctx.net_base
    if ctx.founding is not None:
        # Founded during the period: its members were received, not gained (indicators.founding).
        text += f"; {ctx.founding.clause}"
        since = ctx.founding.change_since(total)
        if since and ctx.founding.received:
            word = "tăng" if since > 0 else "giảm"
            text += f", {word} {num(abs(since))} đảng viên{share(abs(since), ctx.founding.received)} từ khi thành lập"
    elif net:
        word = "tăng" if net > 0 else "giảm"
        text += f", {word} {num(abs(net))} đảng viên{share(abs(net), base)} {ctx.period.start_ref}"
    elif net is not None and ctx.previous is not None:
        text += f", không thay đổi {ctx.period.start_ref}"
    parts = [
        f"đảng viên nữ {num(ctx.n('members.female'))} đồng chí{share(ctx.n('members.female'), total)}"
        if ctx.n("members.female")
        else "",
        f"đảng viên là người dân tộc thiểu số {num(ctx.n('members.ethnic_minority'))} đồng chí"
        f"{share(ctx.n('members.ethnic_minority'), total)}"
        if ctx.n("members.ethnic_minority")
        else "",
        f"đảng viên có đạo {num(ctx.n('members.religious'))} đồng chí{share(ctx.n('members.religious'), total)}"
        if ctx.n("members.religious")
        else "",
    ]
    if any(parts):
        text += "; trong đó " + "; ".join(p for p in parts if p)
    paras = [text + "."]
    bands = [
        f"{label} có {num(ctx.n('members.age.' + band))} đồng chí{share(ctx.n('members.age.' + band), total)}"
        for band, label in _AGE_BANDS
        if ctx.n("members.age." + band)
    ]
    if bands:
        paras.append("Về độ tuổi: " + "; ".join(bands) + ".")
    status = counted(
        [
            (ctx.n("members.exempt"), "đảng viên được miễn công tác và sinh hoạt đảng"),
            (ctx.n("members.away"), "đảng viên đi làm ăn xa"),
        ]
    )
    if status:
        paras.append(f"Có {join(status)}.")
    return paras


def movements(ctx: Context) -> list[str]:
    parts = []
    if ctx.n("transfers.in") or ctx.n("transfers.out"):
        parts.append(
            join(
                counted(
                    [(ctx.n("transfers.in"), "đảng viên chuyển đến"), (ctx.n("transfers.out"), "đảng viên chuyển đi")]
                ),
                ", ",
            )
        )
    removed = ctx.n("removals.total")
    if removed:
        detail = [
            f"{label} {num(ctx.n(key))}"
            for key, label in (
                ("removals.died", "từ trần"),
                ("removals.struck_off", "xóa tên"),
                ("removals.dismissed", "cho ra khỏi Đảng"),
                ("removals.expelled", "khai trừ"),
            )
            if ctx.n(key)
        ]
        parts.append(f"giảm {num(removed)} đảng viên" + (f" ({', '.join(detail)})" if detail else ""))
    if not parts:
        return []
    return [f"{_within(ctx)}, có " + "; ".join(parts) + "."]


def admissions(ctx: Context) -> list[str]:
    total = ctx.n("admissions.total")
    target = ctx.v("admissions.target")
    opening = f"{ctx.period.opening}, {ctx.issuer.whole}"
    compared = ctx.admissions_against_target()
    if not total:
        if target and compared is not None and not compared.span and compared.target:
            text = f"{opening} chưa kết nạp được đảng viên mới so với chỉ tiêu được giao ({num(target)} đảng viên)"
        else:  # no "(chưa giao chỉ tiêu…)" where no target applies
            text = f"{opening} chưa kết nạp đảng viên mới"
        paras = [text + "."]
    else:
        text = f"{opening} đã kết nạp {num(total)} đảng viên mới"
        if compared is not None and compared.target and not compared.span:
            text += f", đạt {percent(compared.exact_pct)} so với chỉ tiêu được giao ({num(compared.target)} đảng viên)"
        text = _with_change(text, ctx.change("admissions.total"))
        detail = [
            f"người dân tộc thiểu số {num(ctx.n('admissions.ethnic_minority'))} đồng chí"
            f"{share(ctx.n('admissions.ethnic_minority'), total)}"
            if ctx.n("admissions.ethnic_minority")
            else "",
            f"nữ {num(ctx.n('admissions.female'))} đồng chí{share(ctx.n('admissions.female'), total)}"
            if ctx.n("admissions.female")
            else "",
            f"học sinh, sinh viên {num(ctx.n('admissions.students'))} đồng chí"
            f"{share(ctx.n('admissions.students'), total)}"
            if ctx.n("admissions.students")
            else "",
        ]
        if any(detail):
            text += "; trong đó " + ", ".join(d for d in detail if d)
        paras = [text + "."]
    if compared is not None and (compared.span or compared.partial):
        # Targets of a different span than the period: compare like with like, and say which.
        parts = []
        if compared.span and compared.target:
            parts.append(
                f"Tính theo các năm trọn có chỉ tiêu ({compared.span}), đã kết nạp {num(compared.admitted)} "
                f"đảng viên, đạt {percent(compared.exact_pct)} so với chỉ tiêu của các năm này "
                f"({num(compared.target)} đảng viên)"
            )
        if compared.partial:
            parts.append(capital(compared.partial) if not parts else compared.partial)
        paras.append("; ".join(parts) + ".")
    recognized = ctx.n("probation.recognized")
    if recognized:
        paras.append(f"{_within(ctx)}, đã xét, công nhận đảng viên chính thức cho {num(recognized)} đồng chí.")
    return paras


def screening(ctx: Context) -> list[str]:
    listed = ctx.n("screening.listed")
    if not listed:
        return []
    text = (
        "Thực hiện Chỉ thị số 28-CT/TW, ngày 21/01/2019 của Ban Bí thư về nâng cao chất lượng kết nạp "
        f"đảng viên và rà soát, sàng lọc, đưa những đảng viên không đủ tư cách ra khỏi Đảng, "
        f"{ctx.period.within} đã rà soát, đưa vào danh sách sàng lọc {num(listed)} đảng viên"
    )
    results = counted(
        [
            (ctx.n("screening.progressed"), "đảng viên được công nhận sự tiến bộ"),
            (ctx.n("screening.continued"), "đảng viên tiếp tục giáo dục, giúp đỡ"),
            (ctx.n("screening.removed"), "đảng viên bị đưa ra khỏi Đảng"),
        ]
    )
    if results:
        text += "; kết quả có " + "; ".join(results)
    pending = ctx.n("screening.pending")
    if pending:
        text += f"; {num(pending)} trường hợp đang tiếp tục xem xét"
    return [text + "."]


def _rating_sentence(ctx: Context, prefix: str, subject: str) -> str:
    rated = ctx.n(f"ratings.{prefix}.rated")
    if not rated:
        return ""
    unit = "lượt " if ctx.multi_year else ""
    levels = [
        f"{label} {num(ctx.n(f'ratings.{prefix}.{level}'))}{share(ctx.n(f'ratings.{prefix}.{level}'), rated)}"
        for level, label in _RATING_LEVELS
        if ctx.n(f"ratings.{prefix}.{level}")
    ]
    text = f"có {num(rated)} {unit}{subject} được đánh giá, xếp loại"
    if levels:
        text += ", trong đó " + ", ".join(levels)
    good = ctx.v(f"ratings.{prefix}.good_or_better_pct")
    if good is not None:
        average = "bình quân " if ctx.multi_year else ""
        text += f"; tỷ lệ hoàn thành tốt nhiệm vụ trở lên {average}đạt {percent(good)}"
    return text


def ratings(ctx: Context) -> list[str]:
    parts = [
        _rating_sentence(ctx, "grassroots", "tổ chức cơ sở đảng") if not ctx.is_cell else "",
        _rating_sentence(ctx, "members", "đảng viên"),
    ]
    parts = [p for p in parts if p]
    if not parts:
        return []
    when = "hằng năm" if ctx.multi_year else ctx.period.span
    return [f"Kết quả đánh giá, xếp loại chất lượng {when}: " + "; ".join(parts) + "."]


# --- 3. Inspection, supervision and discipline ------------------------------------------------


def inspection(ctx: Context) -> list[str]:
    orgs, people = ctx.n("inspection.orgs"), ctx.n("inspection.members")
    if not (orgs or people):
        return []
    who = "Chi bộ" if ctx.is_cell else "cấp ủy, ủy ban kiểm tra các cấp"
    subjects = join(counted([(orgs, "lượt tổ chức đảng"), (people, "lượt đảng viên")]))
    text = f"{_within(ctx)}, {who} đã kiểm tra, giám sát {subjects}"
    cases = counted(
        [(ctx.n("inspection.inspection"), "cuộc kiểm tra"), (ctx.n("inspection.supervision"), "cuộc giám sát")]
    )
    if cases:
        text += f" ({', '.join(cases)})"
    change = ctx.change_of(["inspection.orgs", "inspection.members"])
    if change:
        text += f"; số lượt kiểm tra, giám sát {change}"
    own = counted([(ctx.n("own.inspection.orgs"), "tổ chức đảng"), (ctx.n("own.inspection.members"), "đảng viên")])
    if own and (ctx.n("own.inspection.orgs"), ctx.n("own.inspection.members")) != (orgs, people):
        text += f"; trong đó {ctx.issuer.actor} trực tiếp kiểm tra, giám sát {join(own)}"
    return [text + "."]


def discipline(ctx: Context) -> list[str]:
    people, orgs = ctx.n("discipline.members.total"), ctx.n("discipline.orgs.total")
    if not (people or orgs):
        who = "đảng viên" if ctx.is_cell else "tổ chức đảng, đảng viên"  # a cell disciplines members only
        return [f"{_within(ctx)}, không có {who} bị thi hành kỷ luật."]
    parts = []
    if people:
        forms = [
            f"{label} {num(ctx.n('discipline.members.' + form))}"
            for form, label in (
                ("reprimand", "khiển trách"),
                ("warning", "cảnh cáo"),
                ("dismissal", "cách chức"),
                ("expulsion", "khai trừ"),
            )
            if ctx.n("discipline.members." + form)
        ]
        parts.append(f"{num(people)} đảng viên" + (f" ({', '.join(forms)})" if forms else ""))
    if orgs:
        parts.append(f"{num(orgs)} tổ chức đảng")
    text = f"{_within(ctx)}, đã thi hành kỷ luật {join(parts)}"
    change = ctx.change_of(["discipline.members.total", "discipline.orgs.total"])
    if change:
        text += f"; số trường hợp bị thi hành kỷ luật {change}"
    return [text + "."]


# --- 4. Mass mobilization and dialogue --------------------------------------------------------


def dialogues(ctx: Context) -> list[str]:
    sessions, cases = ctx.n("dialogues.sessions"), ctx.n("dialogues.cases")
    if not sessions:
        return []
    who = "bí thư chi bộ" if ctx.is_cell else "người đứng đầu cấp ủy các cấp"
    text = f"{_within(ctx)}, {who} đã tổ chức {num(sessions)} cuộc đối thoại trực tiếp với Nhân dân"
    change = ctx.change("dialogues.sessions")
    if change:
        text += f" ({change})"
    if cases:
        text += f", tiếp nhận {num(cases)} vụ việc phản ánh, kiến nghị"
    return [text + "."]


# --- 5. Cadre work ----------------------------------------------------------------------------


def _cadre_items(ctx: Context, prefix: str) -> list[str]:
    return [
        phrase.format(n=num(ctx.n(f"{prefix}cadre.{kind}")))
        for kind, phrase in _CADRE_PHRASES.items()
        if ctx.n(f"{prefix}cadre.{kind}")
    ]


def cadre(ctx: Context) -> list[str]:
    paras = []
    own = _cadre_items(ctx, "own.")
    if own:
        paras.append(f"{_within(ctx)}, {ctx.issuer.actor} đã " + "; ".join(own) + ".")
    everyone = _cadre_items(ctx, "")
    if everyone and everyone != own:
        lead = f"Tính chung {ctx.issuer.whole}, cấp ủy các cấp đã " if own else f"{_within(ctx)}, cấp ủy các cấp đã "
        paras.append(lead + "; ".join(everyone) + ".")
    return paras


# --- 6. Awards --------------------------------------------------------------------------------


def awards(ctx: Context) -> list[str]:
    parts = counted([(ctx.n("awards.orgs"), "tổ chức đảng"), (ctx.n("awards.members"), "đảng viên")])
    if not parts:
        return []
    return [
        f"{_within(ctx)}, đã khen thưởng {join(parts)} có thành tích xuất sắc trong công tác xây dựng Đảng "
        "và thực hiện nhiệm vụ chính trị."
    ]
