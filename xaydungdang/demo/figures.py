"""The figures of the seed articles, as the indicator engine states them for the demo."""

import datetime as dt

from xaydungdang.core.formatting import date, integer, percent
from xaydungdang.demo.plan import CALIBRATION_DAY, CITY_DAY, TERM_REPORT_DAY, TERM_START

YEAR_START = dt.date(2023, 1, 1)


def calibration() -> dict:
    """2023 for ST, and the 2020–2025 term up to the review conference of 12/3/2024."""
    from xaydungdang.indicators.engine import compute

    year = compute("ST", YEAR_START, CALIBRATION_DAY)
    term = compute("ST", TERM_START, TERM_REPORT_DAY)
    return {"year": year, "term": term, "merger": merger()}


def merger() -> dict[str, int]:
    """Members of ST, HG and CTO on 30/6/2025 and of the city CT at the end of 1/7/2025."""
    from xaydungdang.indicators.engine import members_at
    from xaydungdang.organizations.tree import load_tree

    by_code = load_tree().by_code
    eve = CITY_DAY - dt.timedelta(days=1)
    before = members_at([by_code[c] for c in ("ST", "HG", "CTO")], eve)
    after = members_at([by_code["CT"]], CITY_DAY)
    result = {code: before[by_code[code]] for code in ("ST", "HG", "CTO")}
    result["CT"] = after[by_code["CT"]]
    return result


def lines(figures: dict) -> list[str]:
    y, t = figures["year"], figures["term"]
    own = [
        f"{y[f'own.documents.concretized.{k}']} {label}"
        for k, label in (
            ("program", "chương trình"),
            ("regulation", "quy định"),
            ("decision", "quyết định"),
            ("conclusion", "kết luận"),
            ("plan", "kế hoạch"),
            ("project", "đề án"),
        )
    ]
    return [
        "Số liệu năm 2023 của Đảng bộ tỉnh Sóc Trăng (theo bộ chỉ số của hệ thống):",
        f"  Đảng viên đến {date(CALIBRATION_DAY)}: {integer(y['members.total'])}",
        f"  Tổ chức cơ sở đảng: {integer(y['orgs.grassroots'])} ({integer(y['orgs.grassroots_committees'])} đảng bộ "
        f"cơ sở, {integer(y['orgs.grassroots_cells'])} chi bộ cơ sở)",
        f"  Kết nạp năm 2023: {integer(y['admissions.total'])} đảng viên, chỉ tiêu {integer(y['admissions.target'])}, "
        f"đạt {percent(y['admissions.target_pct'])}",
        f"  Rà soát, sàng lọc: {integer(y['screening.listed'])} đảng viên; {integer(y['screening.progressed'])} được "
        f"công nhận tiến bộ; {integer(y['screening.continued'])} tiếp tục giáo dục, giúp đỡ; "
        f"{integer(y['screening.removed'])} đưa ra khỏi Đảng",
        f"  Tỉnh ủy cụ thể hóa {integer(y['own.documents.concretized.total'])} văn bản của Trung ương "
        f"({', '.join(own)}); {integer(y['own.documents.reviews'])} văn bản sơ kết, tổng kết",
        f"  Công tác cán bộ: {integer(y['own.cadre.personnel'])} trường hợp; cử đi đào tạo, bồi dưỡng "
        f"{integer(y['own.cadre.training'])} trường hợp",
        f"Từ đầu nhiệm kỳ ({date(TERM_START)}) đến {date(TERM_REPORT_DAY)}: kết nạp "
        f"{integer(t['admissions.total'])} đảng viên, trong đó {integer(t['admissions.ethnic_minority'])} người dân "
        f"tộc thiểu số; đảng viên ngày {date(TERM_REPORT_DAY)}: {integer(t['members.total'])}",
    ] + _merger_lines(figures.get("merger"))


def _merger_lines(m: dict | None) -> list[str]:
    if not m:
        return []
    eve = CITY_DAY - dt.timedelta(days=1)
    total = m["ST"] + m["HG"] + m["CTO"]
    return [
        f"Đảng bộ thành phố Cần Thơ (mã CT) thành lập ngày {date(CITY_DAY)} từ ba đảng bộ, ngày {date(eve)} có "
        f"{integer(total)} đảng viên: tỉnh Sóc Trăng {integer(m['ST'])}, tỉnh Hậu Giang (HG) {integer(m['HG'])}, "
        f"thành phố Cần Thơ cũ (CTO) {integer(m['CTO'])}; cuối ngày {date(CITY_DAY)} Đảng bộ thành phố có "
        f"{integer(m['CT'])} đảng viên (kể cả biến động trong ngày)",
    ]
