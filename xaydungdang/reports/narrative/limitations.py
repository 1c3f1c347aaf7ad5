"""Part II of a report: limitations the data shows, and their causes.

Only what the figures show is stated as a limitation with its number; causes are phrased
the careful way real reports phrase them ("ở một số nơi", "có lúc"), and a cause is given
only for a limitation that is present.
"""

from xaydungdang.core.formatting import percent
from xaydungdang.reports.narrative.context import Context, join, num, share

EXAMPLES_SHOWN = 5


def _examples(rows: list[dict], noun: str) -> str:
    """' (như: A, B, C và 4 chi bộ khác)' from the engine's lists of {code, name}."""
    names = [row.get("name") or row.get("code") for row in rows if row.get("name") or row.get("code")]
    if not names:
        return ""
    shown = names[:EXAMPLES_SHOWN]
    rest = len(names) - len(shown)
    text = ", ".join(shown)
    if rest:
        text += f" và {num(rest)} {noun} khác"
    return f" (như: {text})" if rest or len(shown) > 1 else f" ({text})"


def admissions_shortfall(ctx: Context) -> int:
    """How many admissions the target still lacks (0 when met or when there is no target)."""
    compared = ctx.admissions_against_target()
    if compared is None or not compared.target:
        return 0
    return compared.shortfall


def cells_below_three(ctx: Context) -> int:
    return ctx.n("orgs.cells_below_3_official")


def localities_without_org(ctx: Context) -> int:
    return ctx.n("coverage.localities_without_org") or len(ctx.limitations.get("localities_without_org") or [])


def probation_overdue(ctx: Context) -> int:
    return int(ctx.limitations.get("probation_overdue") or 0)


def incomplete_ratings(ctx: Context) -> tuple[int, int]:
    return ctx.n("ratings.members.incomplete"), ctx.n("ratings.grassroots.incomplete")


def limitations(ctx: Context) -> list[str]:
    items = []
    cells = cells_below_three(ctx)
    if cells:
        items.append(
            f"Còn {num(cells)} chi bộ có dưới 3 đảng viên chính thức, chưa bảo đảm điều kiện sinh hoạt, "
            "hoạt động theo quy định của Điều lệ Đảng" + _examples(ctx.limitations.get("cells_below_3") or [], "chi bộ")
        )
    places = localities_without_org(ctx)
    if places:
        items.append(
            f"Còn {num(places)} địa bàn, đơn vị chưa có tổ chức đảng"
            + _examples(ctx.limitations.get("localities_without_org") or [], "địa bàn, đơn vị")
        )
    shortfall = admissions_shortfall(ctx)
    if shortfall:
        compared = ctx.admissions_against_target()
        within = f" của {compared.span}" if compared.span else ""
        items.append(
            f"Công tác phát triển đảng viên chưa hoàn thành chỉ tiêu được giao{within} "
            f"(đạt {percent(compared.exact_pct)}), còn thiếu {num(shortfall)} đảng viên so với chỉ tiêu"
        )
    else:
        change = ctx.change("admissions.total")
        if change.startswith("giảm"):
            items.append(f"Số đảng viên được kết nạp mới {change}; nguồn kết nạp ở một số nơi còn hạn chế")
    net = ctx.net_change or 0
    if net < 0:
        items.append(f"Tổng số đảng viên giảm {num(-net)} đồng chí {ctx.period.start_ref}")
    due, overdue = ctx.n("probation.due"), probation_overdue(ctx)
    if due or overdue:
        text = (
            f"Còn {num(max(due, overdue))} đảng viên dự bị đã hết thời gian dự bị nhưng chưa được xét "
            "công nhận đảng viên chính thức"
        )
        if overdue and overdue < due:
            text += f", trong đó {num(overdue)} trường hợp đã quá thời hạn xem xét theo quy định"
        items.append(text)
    members_inc, orgs_inc = incomplete_ratings(ctx)
    if members_inc or orgs_inc:
        parts = []
        if orgs_inc:
            parts.append(
                f"{num(orgs_inc)} {'lượt ' if ctx.multi_year else ''}tổ chức cơ sở đảng"
                f"{share(orgs_inc, ctx.n('ratings.grassroots.rated'))}"
            )
        if members_inc:
            parts.append(
                f"{num(members_inc)} {'lượt ' if ctx.multi_year else ''}đảng viên"
                f"{share(members_inc, ctx.n('ratings.members.rated'))}"
            )
        items.append(f"Vẫn còn {join(parts)} xếp loại không hoàn thành nhiệm vụ")
    abandoned = ctx.n("removals.abandoned_activities")
    if abandoned:
        items.append(
            f"Vẫn còn tình trạng đảng viên bỏ sinh hoạt đảng, phải xóa tên hoặc cho ra khỏi Đảng "
            f"({num(abandoned)} trường hợp)"
        )
    pending = ctx.n("screening.pending")
    if pending:
        items.append(f"Còn {num(pending)} trường hợp trong danh sách rà soát, sàng lọc chưa được xem xét, kết luận")
    disciplined = ctx.n("discipline.members.total") + ctx.n("discipline.orgs.total")
    if disciplined:
        parts = [
            f"{num(ctx.n('discipline.members.total'))} đảng viên" if ctx.n("discipline.members.total") else "",
            f"{num(ctx.n('discipline.orgs.total'))} tổ chức đảng" if ctx.n("discipline.orgs.total") else "",
        ]
        items.append(f"Vẫn còn tổ chức đảng, đảng viên vi phạm đến mức phải thi hành kỷ luật ({join(parts)})")
    away = ctx.n("members.away")
    if away:
        items.append(f"Việc quản lý {num(away)} đảng viên đi làm ăn xa còn gặp nhiều khó khăn")
    # Every report names this one: the data cannot show the quality of cell meetings.
    items.append(
        "Nội dung, phương thức sinh hoạt chi bộ có lúc chậm đổi mới; chất lượng sinh hoạt chi bộ chưa cao"
        if ctx.is_cell  # one cell: not "ở một số nơi"
        else "Nội dung, phương thức sinh hoạt chi bộ ở một số nơi chậm đổi mới; chất lượng sinh hoạt chi bộ "
        "chưa đồng đều"
    )
    return [item + (";" if i < len(items) - 1 else ".") for i, item in enumerate(items)]


def causes(ctx: Context) -> tuple[list[str], list[str]]:
    """(objective, subjective) causes, each tied to a limitation that is present."""
    objective = [
        "Tình hình kinh tế - xã hội, đời sống của một bộ phận Nhân dân còn khó khăn; yêu cầu, nhiệm vụ "
        "công tác xây dựng Đảng ngày càng cao, nhiều quy định mới được ban hành cần có thời gian "
        "quán triệt, triển khai thực hiện"
    ]
    if cells_below_three(ctx) or admissions_shortfall(ctx) or ctx.n("members.away"):
        objective.append(
            "Một bộ phận người trong độ tuổi lao động, nhất là thanh niên, đi làm ăn xa; dân cư ở một "
            "số địa bàn phân tán, nên việc tạo nguồn kết nạp đảng viên và duy trì số đảng viên chính "
            "thức ở một số chi bộ gặp khó khăn"
        )
    if localities_without_org(ctx):
        objective.append(
            "Một số đơn vị, doanh nghiệp có ít người lao động là đảng viên, chưa đủ điều kiện thành lập tổ chức đảng"
        )
    subjective = [
        "Chi ủy, Chi bộ có lúc chưa thật sự quan tâm đúng mức đến công tác xây dựng Đảng; việc lãnh đạo, "
        "kiểm tra, đôn đốc đảng viên thực hiện nhiệm vụ có lúc chưa thường xuyên"
        if ctx.is_cell
        else "Một số cấp ủy, tổ chức đảng chưa thật sự quan tâm đúng mức đến công tác xây dựng Đảng; việc "
        "lãnh đạo, chỉ đạo, kiểm tra, đôn đốc có lúc, có nơi chưa thường xuyên"
    ]
    if ctx.n("probation.due") or probation_overdue(ctx):
        subjective.append(
            "Việc theo dõi thời hạn dự bị, hoàn thiện hồ sơ đề nghị công nhận đảng viên chính thức "
            "ở một số chi bộ chưa kịp thời"
        )
    if admissions_shortfall(ctx):
        subjective.append("Công tác tạo nguồn, bồi dưỡng quần chúng ưu tú ở một số nơi chưa được quan tâm đúng mức")
    if any(incomplete_ratings(ctx)) or ctx.n("removals.abandoned_activities") or ctx.n("discipline.members.total"):
        subjective.append(
            "Một bộ phận đảng viên chưa nêu cao tinh thần trách nhiệm, ý thức tổ chức kỷ luật; việc "
            "quản lý, giáo dục đảng viên ở một số chi bộ chưa chặt chẽ"
        )

    def punctuate(items):
        return [item + (";" if i < len(items) - 1 else ".") for i, item in enumerate(items)]

    return punctuate(objective), punctuate(subjective)
