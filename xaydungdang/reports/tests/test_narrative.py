"""The Vietnamese prose, section by section, from hand-made indicator dicts."""

import datetime as dt
import re

from xaydungdang.reports.blocks import Heading, Para
from xaydungdang.reports.issuer import OrgName, issuer_for
from xaydungdang.reports.narrative import Context, compose
from xaydungdang.reports.narrative import directions as dirs
from xaydungdang.reports.narrative import limitations as lims
from xaydungdang.reports.narrative import results as res
from xaydungdang.reports.periods import describe
from xaydungdang.reports.tests.sample import ST_2023, full

D = dt.date
PROVINCE = [OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial")]
CELL = [
    OrgName("Chi bộ ấp Một", "cell"),
    OrgName("Đảng bộ xã Một", "grassroots_committee"),
    OrgName("Đảng bộ huyện Một", "upper"),
    OrgName("Đảng bộ tỉnh Sóc Trăng", "provincial"),
]


def ctx(
    values: dict,
    previous: dict | None = None,
    kind="annual",
    start=D(2023, 1, 1),
    end=D(2023, 12, 31),
    chain=PROVINCE,
    limitations=None,
) -> Context:
    # A previous period whose start already had members: its records are complete.
    before = full({"members.total": 100} | previous) if previous is not None else None
    return Context(full(values), describe(kind, start, end), issuer_for(chain), before, limitations or {})


def text(paras: list[str]) -> str:
    return " ".join(paras)


# --- admissions ---------------------------------------------------------------------------------


def test_admissions_states_the_seed_sentence():
    c = ctx(
        {
            "admissions.total": 2051,
            "admissions.target": 2050,
            "admissions.target_pct": 100.05,
            "admissions.ethnic_minority": 530,
            "admissions.female": 902,
            "admissions.students": 41,
        },
        previous={"admissions.total": 1966},
    )
    out = text(res.admissions(c))
    assert out.startswith(
        "Năm 2023, toàn Đảng bộ đã kết nạp 2.051 đảng viên mới, đạt 100,05% so với chỉ tiêu "
        "được giao (2.050 đảng viên), tăng 4,3% so với năm 2022; trong đó người dân tộc thiểu số "
        "530 đồng chí (25,84%), nữ 902 đồng chí (43,98%), học sinh, sinh viên 41 đồng chí (2%)."
    )


def test_admissions_decrease_and_null_target():
    c = ctx(
        {"admissions.total": 90, "admissions.target": None, "admissions.target_pct": None},
        previous={"admissions.total": 120},
    )
    out = text(res.admissions(c))
    # No "(chưa giao chỉ tiêu…)" noise where no target applies (issue 13).
    assert "đã kết nạp 90 đảng viên mới, giảm 25% so với năm 2022." in out
    assert "chỉ tiêu" not in out
    assert "trong đó" not in out  # no breakdown when every part is zero


def test_admissions_without_previous_data_makes_no_comparison():
    c = ctx(
        {"admissions.total": 12, "admissions.target": 10, "admissions.target_pct": 120.0},
        previous={"admissions.total": 0},
    )
    out = text(res.admissions(c))
    assert "đạt 120% so với chỉ tiêu được giao (10 đảng viên)." in out
    assert "so với năm 2022" not in out


def test_no_comparison_when_records_start_inside_the_previous_period():
    # Members recorded only from an opening balance inside the previous period: its counts are partial.
    c = ctx(
        {"admissions.total": 6922, "inspection.orgs": 30},
        kind="term",
        start=D(2020, 10, 17),
        end=D(2024, 2, 29),
        previous={"admissions.total": 3347, "inspection.orgs": 10, "members.total": 44000, "members.net_change": 44000},
    )
    assert "so với cùng kỳ" not in text(res.admissions(c) + res.inspection(c))
    assert not any("giảm" in item for item in lims.limitations(c))


def test_admissions_zero():
    assert (
        text(res.admissions(ctx({"admissions.target": 15})))
        == "Năm 2023, toàn Đảng bộ chưa kết nạp được đảng viên mới so với chỉ tiêu được giao (15 đảng viên)."
    )
    assert text(res.admissions(ctx({}))) == "Năm 2023, toàn Đảng bộ chưa kết nạp đảng viên mới."


def test_admissions_term_wording():
    c = ctx(
        {"admissions.total": 6950, "admissions.target": 7000, "admissions.target_pct": 99.29},
        previous={"admissions.total": 6000},
        kind="term",
        start=D(2020, 10, 15),
        end=D(2024, 2, 29),
    )
    out = text(res.admissions(c))
    assert out.startswith(
        "Từ đầu nhiệm kỳ 2020–2025 đến nay, toàn Đảng bộ đã kết nạp 6.950 đảng viên mới, đạt 99,29% so với chỉ tiêu"
    )
    assert "tăng 15,8% so với cùng kỳ nhiệm kỳ trước" in out


# --- organizations and members ------------------------------------------------------------------


def test_organizations_seed_phrase_and_coverage():
    c = ctx(
        {
            "orgs.grassroots": 644,
            "orgs.grassroots_committees": 231,
            "orgs.grassroots_cells": 413,
            "orgs.direct_committees": 13,
            "coverage.communes": 109,
            "coverage.communes_with_committee": 108,
        },
        previous={"orgs.grassroots": 650},
    )
    out = text(res.organizations(c))
    assert "13 đảng bộ trực thuộc và 644 tổ chức cơ sở đảng (231 đảng bộ cơ sở, 413 chi bộ cơ sở)" in out
    assert "số tổ chức cơ sở đảng giảm 6 so với đầu năm" in out
    assert "108/109 xã, phường, thị trấn có đảng bộ cơ sở (99,08%)" in out
    assert "thôn, ấp" not in out  # no villages recorded: nothing said about them


def test_organizations_not_stated_by_a_cell():
    assert res.organizations(ctx({"orgs.grassroots": 1, "orgs.grassroots_cells": 1}, chain=CELL)) == []


def test_members_increase_decrease_and_none():
    up = text(
        res.members(
            ctx(
                {
                    "members.total": 48879,
                    "members.official": 46501,
                    "members.probationary": 2378,
                    "members.net_change": 1490,
                    "members.female": 15002,
                }
            )
        )
    )
    assert up.startswith(
        "Đến ngày 31/12/2023, toàn Đảng bộ có 48.879 đảng viên (46.501 đảng viên chính thức, "
        "2.378 đảng viên dự bị), tăng 1.490 đảng viên (3,14%) so với đầu năm; trong đó đảng viên "
        "nữ 15.002 đồng chí (30,69%)."
    )
    down = text(res.members(ctx({"members.total": 95, "members.official": 95, "members.net_change": -5})))
    assert "giảm 5 đảng viên (5%) so với đầu năm" in down
    assert text(res.members(ctx({}))) == "Đến ngày 31/12/2023, toàn Đảng bộ chưa có đảng viên sinh hoạt."


def test_age_bands_and_movements():
    c = ctx(
        {
            "members.total": 100,
            "members.official": 100,
            "members.age.upto_30": 20,
            "members.age.over_70": 5,
            "removals.total": 3,
            "removals.died": 2,
            "removals.expelled": 1,
            "transfers.in": 4,
        }
    )
    out = text(res.members(c) + res.movements(c))
    assert "Về độ tuổi: đến 30 tuổi có 20 đồng chí (20%); trên 70 tuổi có 5 đồng chí (5%)." in out
    assert "Trong năm, có 4 đảng viên chuyển đến; giảm 3 đảng viên (từ trần 2, khai trừ 1)." in out
    assert res.movements(ctx({})) == []


# --- screening, ratings -----------------------------------------------------------------------


def test_screening_seed_figures():
    c = ctx({"screening.listed": 79, "screening.progressed": 37, "screening.continued": 23, "screening.removed": 19})
    out = text(res.screening(c))
    assert (
        "đưa vào danh sách sàng lọc 79 đảng viên; kết quả có 37 đảng viên được công nhận sự tiến bộ; "
        "23 đảng viên tiếp tục giáo dục, giúp đỡ; 19 đảng viên bị đưa ra khỏi Đảng." in out
    )
    assert res.screening(ctx({})) == []


def test_ratings_shares_and_multi_year():
    values = {
        "ratings.members.excellent": 10,
        "ratings.members.good": 70,
        "ratings.members.complete": 20,
        "ratings.members.rated": 100,
        "ratings.members.good_or_better_pct": 80.0,
    }
    out = text(res.ratings(ctx(values)))
    assert out == (
        "Kết quả đánh giá, xếp loại chất lượng năm 2023: có 100 đảng viên được đánh giá, xếp loại, trong "
        "đó hoàn thành xuất sắc nhiệm vụ 10 (10%), hoàn thành tốt nhiệm vụ 70 (70%), hoàn thành nhiệm vụ "
        "20 (20%); tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt 80%."
    )
    term = text(res.ratings(ctx(values, kind="term", start=D(2020, 10, 1), end=D(2023, 12, 31))))
    assert "hằng năm: có 100 lượt đảng viên" in term and "bình quân đạt 80%" in term
    assert res.ratings(ctx({})) == []


# --- inspection, discipline, dialogue, cadre, documents, education --------------------------------


def test_inspection_with_own_share_and_comparison():
    c = ctx(
        {
            "inspection.orgs": 351,
            "inspection.members": 162,
            "inspection.inspection": 300,
            "inspection.supervision": 213,
            "own.inspection.orgs": 40,
        },
        previous={"inspection.orgs": 500},
    )
    out = text(res.inspection(c))
    assert (
        "kiểm tra, giám sát 351 lượt tổ chức đảng và 162 lượt đảng viên (300 cuộc kiểm tra, 213 cuộc giám sát)" in out
    )
    assert "số lượt kiểm tra, giám sát tăng 2,6% so với năm 2022" in out
    assert "trong đó Ban Thường vụ Tỉnh ủy trực tiếp kiểm tra, giám sát 40 tổ chức đảng." in out
    assert res.inspection(ctx({})) == []


def test_discipline_zero_and_forms():
    assert text(res.discipline(ctx({}))) == "Trong năm, không có tổ chức đảng, đảng viên bị thi hành kỷ luật."
    out = text(
        res.discipline(
            ctx({"discipline.members.total": 4, "discipline.members.reprimand": 3, "discipline.members.expulsion": 1})
        )
    )
    assert out == "Trong năm, đã thi hành kỷ luật 4 đảng viên (khiển trách 3, khai trừ 1)."


def test_dialogue_cadre_awards():
    c = ctx(
        {
            "dialogues.sessions": 126,
            "dialogues.cases": 1635,
            "own.cadre.personnel": 69,
            "own.cadre.training": 1363,
            "cadre.personnel": 69,
            "cadre.training": 1363,
            "awards.members": 12,
        }
    )
    assert "126 cuộc đối thoại trực tiếp với Nhân dân, tiếp nhận 1.635 vụ việc phản ánh, kiến nghị." in text(
        res.dialogues(c)
    )
    cadre = res.cadre(c)
    assert len(cadre) == 1  # the whole equals the committee's own work: said once
    assert "đối với 69 trường hợp; cử đi đào tạo, bồi dưỡng 1.363 trường hợp." in cadre[0]
    assert text(res.awards(c)).startswith("Trong năm, đã khen thưởng 12 đảng viên có thành tích")
    assert res.dialogues(ctx({})) == res.cadre(ctx({})) == res.awards(ctx({})) == []


def test_documents_seed_phrase():
    values = {
        f"own.documents.concretized.{k}": n
        for k, n in (("program", 1), ("regulation", 7), ("decision", 1), ("conclusion", 1), ("plan", 7), ("project", 3))
    }
    values |= {
        "own.documents.concretized.total": 20,
        "own.documents.reviews": 21,
        "documents.concretized.total": 20,
        "documents.reviews": 21,
    }
    out = res.documents(ctx(values))
    assert out == [
        "Tỉnh ủy, Ban Thường vụ Tỉnh ủy đã cụ thể hóa, ban hành và triển khai thực hiện 20 văn bản của "
        "Trung ương (gồm 1 chương trình, 7 quy định, 1 quyết định, 1 kết luận, 7 kế hoạch, 3 đề án); "
        "xây dựng 21 văn bản sơ kết, tổng kết."
    ]


def test_education_omits_empty_kinds():
    c = ctx(
        {
            "education.resolution_study.classes": 169,
            "education.resolution_study.participants": 36403,
            "education.new_member.classes": 6,
        }
    )
    assert text(res.education(c)) == (
        "Trong năm, cấp ủy các cấp đã tổ chức 169 lớp quán triệt nghị quyết, chỉ thị "
        "với 36.403 lượt người tham dự; 6 lớp bồi dưỡng lý luận chính trị cho đảng "
        "viên mới."
    )
    assert res.education(ctx({})) == []


# --- limitations, causes, directions ------------------------------------------------------------


def test_limitations_come_from_the_data():
    c = ctx(
        {
            "orgs.cells_below_3_official": 2,
            "admissions.total": 90,
            "admissions.target": 100,
            "admissions.target_pct": 90.0,
            "probation.due": 3,
        },
        limitations={
            "cells_below_3": [{"code": "C1", "name": "Chi bộ ấp 1"}, {"code": "C2", "name": "Chi bộ ấp 2"}],
            "probation_overdue": 1,
        },
    )
    items = lims.limitations(c)
    joined = text(items)
    assert "Còn 2 chi bộ có dưới 3 đảng viên chính thức" in joined and "(như: Chi bộ ấp 1, Chi bộ ấp 2)" in joined
    assert "chưa hoàn thành chỉ tiêu được giao (đạt 90%), còn thiếu 10 đảng viên so với chỉ tiêu" in joined
    assert "Còn 3 đảng viên dự bị đã hết thời gian dự bị" in joined and "trong đó 1 trường hợp" in joined
    assert items[-1].endswith(".") and all(item.endswith(";") for item in items[:-1])
    objective, subjective = lims.causes(c)
    assert any("thanh niên, đi làm ăn xa" in o for o in objective)
    assert any("thời hạn dự bị" in s for s in subjective)
    assert any("tạo nguồn" in s for s in subjective)
    tasks = text(dirs.directions(c))
    assert "kiện toàn, củng cố 2 chi bộ có dưới 3 đảng viên chính thức" in tasks
    assert "xem xét công nhận đảng viên chính thức cho 3 đảng viên dự bị" in tasks
    assert "phấn đấu hoàn thành và vượt chỉ tiêu" in tasks


def test_no_data_limitations_only_the_general_one():
    c = ctx({"admissions.total": 50, "admissions.target": 40, "admissions.target_pct": 125.0})
    assert len(lims.limitations(c)) == 1
    objective, subjective = lims.causes(c)
    assert len(objective) == 1 and len(subjective) == 1
    assert "chi bộ có dưới 3" not in text(dirs.directions(c))


def test_admissions_falling_without_target_is_a_limitation():
    c = ctx({"admissions.total": 80}, previous={"admissions.total": 100})
    assert any("giảm 20% so với năm 2022" in item for item in lims.limitations(c))


# --- the whole body ---------------------------------------------------------------------------


def _headings(blocks, level):
    return [b.text for b in blocks if isinstance(b, Heading) and b.level == level]


def test_compose_structure_annual():
    blocks = compose(ctx(ST_2023, previous={"members.total": 47389, "admissions.total": 1966}))
    assert _headings(blocks, 1) == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
    ]
    assert _headings(blocks, 2)[:6] == [
        "1. Công tác chính trị, tư tưởng",
        "2. Công tác tổ chức, xây dựng tổ chức cơ sở đảng và đảng viên",
        "3. Công tác kiểm tra, giám sát, kỷ luật đảng",
        "4. Công tác dân vận, đối thoại với Nhân dân",
        "5. Công tác cán bộ",
        "6. Công tác thi đua, khen thưởng",
    ]
    assert "c) Về công tác phát triển đảng viên" in _headings(blocks, 3)
    assert blocks[0].text.startswith("Thực hiện chương trình công tác năm 2023, Ban Thường vụ Tỉnh ủy")
    assert blocks[-1] == Para(
        "Trên đây là báo cáo tổng kết công tác xây dựng Đảng năm 2023, phương hướng, nhiệm vụ "
        "năm 2024 của Ban Thường vụ Tỉnh ủy Sóc Trăng./.",
        "closing",
    )


def test_compose_drops_empty_fields_and_renumbers():
    blocks = compose(ctx({"members.total": 10, "members.official": 10, "dialogues.sessions": 2}))
    assert _headings(blocks, 2)[:3] == [
        "1. Công tác tổ chức, xây dựng tổ chức cơ sở đảng và đảng viên",
        "2. Công tác kiểm tra, giám sát, kỷ luật đảng",
        "3. Công tác dân vận, đối thoại với Nhân dân",
    ]
    assert _headings(blocks, 3)[0] == "a) Về đảng viên"


def test_compose_never_states_a_zero_count():
    body = " ".join(b.text for b in compose(ctx({})) if isinstance(b, Para))
    assert not re.search(r"(?<![\d.,])0 (lớp|đảng viên|tổ chức|lượt|cuộc|văn bản|trường hợp|đồng chí)", body)


def test_compose_charter_has_proposals():
    blocks = compose(ctx(ST_2023, kind="charter", start=D(2011, 1, 1), end=D(2023, 12, 31)))
    assert _headings(blocks, 1) == [
        "I. KẾT QUẢ THI HÀNH ĐIỀU LỆ ĐẢNG",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert _headings(blocks, 2)[0] == "1. Về đảng viên (Chương I)"
    assert "13 năm thi hành Điều lệ Đảng (2011–2023)" in blocks[0].text


def test_compose_for_a_cell():
    blocks = compose(ctx({"members.total": 8, "members.official": 6, "members.probationary": 2}, chain=CELL))
    body = " ".join(b.text for b in blocks if isinstance(b, Para))
    assert "toàn Chi bộ có 8 đảng viên" in body
    assert "Trên đây là báo cáo" in body and "của Chi bộ ấp Một./." in body
    assert "5. Công tác cán bộ" not in _headings(blocks, 2)
