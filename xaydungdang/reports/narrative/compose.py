"""Assembling the body: opening, I. results by field, II. limitations and causes,
III. directions (IV. proposals for charter reports), closing line."""

from collections.abc import Callable

from xaydungdang.reports.blocks import Block, Heading, Para
from xaydungdang.reports.narrative import directions as dirs
from xaydungdang.reports.narrative import limitations as lims
from xaydungdang.reports.narrative import results as res
from xaydungdang.reports.narrative.context import ROMAN, VI_LETTERS, Context

Lead = str | Callable[[Context], str]
Section = tuple[str, Lead, list[tuple[str | None, list[Callable[[Context], list[str]]]]]]

# (title, lead sentence stated when the section has figures, [(subtitle, [section functions])])
_WORK_SECTIONS: list[Section] = [
    (
        "Công tác chính trị, tư tưởng",
        lambda ctx: (
            f"Công tác giáo dục chính trị, tư tưởng tiếp tục được {'Chi bộ' if ctx.is_cell else 'cấp ủy các cấp'} "
            "quan tâm lãnh đạo, chỉ đạo; việc học tập, quán triệt các nghị quyết, chỉ thị của Đảng được tổ chức "
            "nghiêm túc."
            if ctx.n("education.resolution_study.classes") or ctx.n("education.thematic.classes")
            else ""
        ),
        [(None, [res.education])],
    ),
    (
        "Công tác tổ chức, xây dựng tổ chức cơ sở đảng và đảng viên",
        "Công tác củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên tiếp tục được "
        "quan tâm thực hiện.",
        [
            (None, [res.documents]),
            ("Về tổ chức đảng", [res.organizations]),
            ("Về đảng viên", [res.members, res.movements]),
            ("Về công tác phát triển đảng viên", [res.admissions]),
            ("Về rà soát, sàng lọc đảng viên", [res.screening]),
            ("Về đánh giá, xếp loại chất lượng", [res.ratings]),
        ],
    ),
    (
        "Công tác kiểm tra, giám sát, kỷ luật đảng",
        # Only when inspections took place: no claim about activity that did not occur.
        lambda ctx: (
            "Công tác kiểm tra, giám sát được tiến hành theo chương trình, kế hoạch, góp phần giữ nghiêm kỷ luật, "
            "kỷ cương của Đảng."
            if ctx.n("inspection.orgs") or ctx.n("inspection.members")
            else ""
        ),
        [(None, [res.inspection, res.discipline])],
    ),
    ("Công tác dân vận, đối thoại với Nhân dân", "", [(None, [res.dialogues])]),
    ("Công tác cán bộ", "", [(None, [res.cadre])]),
    ("Công tác thi đua, khen thưởng", "", [(None, [res.awards])]),
]

# Charter reports follow the chapters of the Party Charter.
_CHARTER_SECTIONS: list[Section] = [
    (
        "Về đảng viên (Chương I)",
        "",
        [(None, [res.members, res.movements, res.admissions, res.screening, res.education])],
    ),
    (
        "Về nguyên tắc tổ chức, cơ quan lãnh đạo và công tác cán bộ (Chương II, IV)",
        "",
        [(None, [res.documents, res.cadre])],
    ),
    ("Về tổ chức cơ sở đảng (Chương V)", "", [(None, [res.organizations, res.ratings])]),
    ("Về công tác kiểm tra, giám sát của Đảng (Chương VII)", "", [(None, [res.inspection])]),
    ("Về khen thưởng và kỷ luật (Chương VIII)", "", [(None, [res.awards, res.discipline])]),
    (
        "Về Đảng lãnh đạo Nhà nước, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội (Chương IX)",
        "",
        [(None, [res.dialogues])],
    ),
]


def opening(ctx: Context) -> str:
    actor, period = ctx.issuer.actor, ctx.period
    if period.kind == "term":
        return (
            f"Thực hiện hướng dẫn của cấp trên về tổng kết công tác xây dựng Đảng {period.span}, {actor} báo cáo "
            f"kết quả thực hiện từ đầu nhiệm kỳ đến ngày {period.end_text} như sau:"
        )
    if period.kind == "charter":
        return (
            f"Thực hiện hướng dẫn của cấp trên về tổng kết việc thi hành Điều lệ Đảng, {actor} báo cáo kết quả "
            f"{period.span} như sau:"
        )
    return (
        f"Thực hiện chương trình công tác {period.span}, {actor} báo cáo kết quả công tác xây dựng Đảng "
        f"{period.span} như sau:"
    )


def closing(ctx: Context) -> str:
    what = ctx.period.summary
    if ctx.period.kind != "charter":
        what += f", phương hướng, nhiệm vụ {ctx.period.next_label}"
    return f"Trên đây là báo cáo {what} của {ctx.issuer.body_name}./."


def work_sections(ctx: Context) -> list[Block]:
    """Part I: the numbered fields of work, dropping any field or sub-field with nothing to state."""
    plan = _CHARTER_SECTIONS if ctx.period.kind == "charter" else _WORK_SECTIONS
    blocks: list[Block] = []
    number = 0
    for title, lead, parts in plan:
        section: list[Block] = []
        letter = 0
        for subtitle, functions in parts:
            paras = [text for fn in functions for text in fn(ctx)]
            if not paras:
                continue
            if subtitle:
                section.append(Heading(3, f"{VI_LETTERS[letter]}) {subtitle}"))
                letter += 1
            section += [Para(text) for text in paras]
        if not section:
            continue
        number += 1
        blocks.append(Heading(2, f"{number}. {title}"))
        lead_text = lead(ctx) if callable(lead) else lead
        if lead_text:
            blocks.append(Para(lead_text))
        blocks += section
    return blocks


def compose(ctx: Context) -> list[Block]:
    blocks: list[Block] = [Para(opening(ctx))]
    if ctx.period.data_note:  # the records begin after the period's start: say from when
        blocks.append(Para(ctx.period.data_note))
    blocks.append(Heading(1, f"{ROMAN[0]}. {ctx.period.result_heading}"))
    blocks += work_sections(ctx)

    blocks.append(Heading(1, f"{ROMAN[1]}. HẠN CHẾ, NGUYÊN NHÂN"))
    blocks.append(Heading(2, "1. Hạn chế"))
    blocks += [Para(f"- {item}", "item") for item in lims.limitations(ctx)]
    blocks.append(Heading(2, "2. Nguyên nhân"))
    objective, subjective = lims.causes(ctx)
    blocks.append(Heading(3, "a) Nguyên nhân khách quan"))
    blocks += [Para(f"- {item}", "item") for item in objective]
    blocks.append(Heading(3, "b) Nguyên nhân chủ quan"))
    blocks += [Para(f"- {item}", "item") for item in subjective]

    blocks.append(Heading(1, f"{ROMAN[2]}. {dirs.heading(ctx)}"))
    blocks += [Para(text) for text in dirs.directions(ctx)]
    if ctx.period.kind == "charter":
        blocks.append(Heading(1, f"{ROMAN[3]}. ĐỀ XUẤT, KIẾN NGHỊ"))
        blocks += [Para(f"- {item}", "item") for item in dirs.proposals(ctx)]
    blocks.append(Para(closing(ctx), "closing"))
    return blocks
