"""Part III (directions for the next period) and, for charter reports, part IV (proposals).

The standing tasks every report carries are kept short; tasks that answer a limitation the
data shows (cells below three official members, overdue probation, ...) name its figure.
"""

from xaydungdang.reports.narrative.context import Context, num
from xaydungdang.reports.narrative.limitations import (
    admissions_shortfall,
    cells_below_three,
    localities_without_org,
    probation_overdue,
)

ORDINALS = ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ tám"]


def heading(ctx: Context) -> str:
    return f"PHƯƠNG HƯỚNG, NHIỆM VỤ {ctx.period.next_label.upper()}"


def _organization_task(ctx: Context) -> str:
    parts = [
        "triển khai đồng bộ các giải pháp nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng "
        "và chất lượng đội ngũ đảng viên; đổi mới, nâng cao chất lượng sinh hoạt chi bộ"
    ]
    cells = cells_below_three(ctx)
    if cells:
        parts.append(f"kiện toàn, củng cố {num(cells)} chi bộ có dưới 3 đảng viên chính thức")
    places = localities_without_org(ctx)
    if places:
        parts.append(f"tạo nguồn, thành lập tổ chức đảng ở {num(places)} địa bàn, đơn vị chưa có tổ chức đảng")
    if admissions_shortfall(ctx):
        parts.append("tập trung tạo nguồn, phấn đấu hoàn thành và vượt chỉ tiêu kết nạp đảng viên mới")
    else:
        parts.append("tổ chức thực hiện có hiệu quả kế hoạch phát triển đảng viên")
    due = max(ctx.n("probation.due"), probation_overdue(ctx))
    if due:
        parts.append(f"xem xét công nhận đảng viên chính thức cho {num(due)} đảng viên dự bị đã hết thời gian dự bị")
    parts.append(
        "quản lý chặt chẽ đảng viên, thường xuyên rà soát, sàng lọc, đưa những đảng viên không còn đủ "
        "tư cách ra khỏi Đảng"
    )
    pending = ctx.n("screening.pending")
    if pending:
        parts.append(f"xem xét, kết luận dứt điểm {num(pending)} trường hợp trong danh sách sàng lọc")
    if ctx.n("members.away"):
        parts.append("tăng cường quản lý đảng viên đi làm ăn xa")
    return "; ".join(parts)


def directions(ctx: Context) -> list[str]:
    tasks = [
        "tiếp tục quán triệt, cụ thể hóa và tổ chức thực hiện nghiêm túc các nghị quyết, chỉ thị, kết luận "
        "của Trung ương và của cấp ủy cấp trên về công tác xây dựng Đảng, phù hợp với tình hình thực tiễn "
        "của địa phương, đơn vị",
        "đổi mới nội dung, phương thức công tác giáo dục chính trị, tư tưởng; nâng cao chất lượng học tập, "
        "quán triệt nghị quyết; chủ động đấu tranh phản bác các quan điểm sai trái, thù địch",
        _organization_task(ctx),
    ]
    if not ctx.is_cell:
        cadre = (
            "thực hiện đồng bộ các khâu trong công tác cán bộ, bảo đảm đúng nguyên tắc, quy trình, quy định; "
            "làm tốt công tác quy hoạch, đào tạo, bồi dưỡng, luân chuyển cán bộ"
        )
        if ctx.period.kind == "term":
            cadre += f"; chuẩn bị tốt nhân sự đại hội đảng bộ các cấp {ctx.period.next_label}"
        tasks.append(cadre)
    inspection = (
        "nâng cao chất lượng công tác kiểm tra, giám sát và thi hành kỷ luật đảng; chủ động phát hiện, "
        "xử lý kịp thời, nghiêm minh các vi phạm"
    )
    members_inc = ctx.n("ratings.members.incomplete") + ctx.n("ratings.grassroots.incomplete")
    if members_inc:
        inspection += "; quan tâm giúp đỡ tổ chức đảng, đảng viên xếp loại không hoàn thành nhiệm vụ khắc phục hạn chế"
    tasks.append(inspection)
    if ctx.is_cell:
        # Quy định 11-QĐ/TW binds the heads of party committees; a cell's members keep close to the people.
        tasks.append(
            "làm tốt công tác dân vận; mỗi đảng viên gương mẫu, giữ mối liên hệ mật thiết với quần chúng, "
            "kịp thời nắm bắt và phản ánh tâm tư, nguyện vọng của quần chúng với tổ chức đảng"
        )
    else:
        tasks.append(
            "làm tốt công tác dân vận; thực hiện nghiêm Quy định số 11-QĐ/TW, ngày 18/02/2019 của Bộ Chính trị "
            "về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân và xử lý "
            "những phản ánh, kiến nghị của dân"
        )
    return [f"{ORDINALS[i]}, {task}." for i, task in enumerate(tasks)]


def proposals(ctx: Context) -> list[str]:
    """Charter reports end with proposals to the Central Committee."""
    items = [
        "Đề nghị Trung ương tiếp tục nghiên cứu, sửa đổi, bổ sung Điều lệ Đảng và các quy định, hướng dẫn thi "
        "hành Điều lệ Đảng cho phù hợp với việc sắp xếp tổ chức bộ máy của hệ thống chính trị"
    ]
    if cells_below_three(ctx):
        items.append("Có hướng dẫn cụ thể về việc duy trì, sắp xếp các chi bộ có dưới 3 đảng viên chính thức")
    if ctx.n("members.away"):
        items.append("Bổ sung quy định về quản lý đảng viên đi làm ăn xa, đảng viên không có nơi cư trú ổn định")
    items.append(
        "Tiếp tục hoàn thiện cơ sở dữ liệu đảng viên, đẩy mạnh ứng dụng công nghệ thông tin trong quản lý "
        "tổ chức đảng và đảng viên"
    )
    return [item + (";" if i < len(items) - 1 else ".") for i, item in enumerate(items)]
