"""Activities of the committees themselves: documents, classes, dialogues, cadre work and
admission targets. The province's own 2023 figures are the seed article's."""

import datetime as dt
import itertools
import random
from collections import Counter, defaultdict

from xaydungdang.demo import names
from xaydungdang.demo.history import History, doc_suffix
from xaydungdang.demo.orgs import CITY, KHOI_PARTY, KHOI_STATE, Org, Structure
from xaydungdang.demo.plan import CITY_DAY, FIRST_EVENT_DAY, TARGETS, TERM_START, TERM_TARGET

D = dt.date

# Central documents on party building, as (number, issued, title) — the province's own
# programs, regulations, plans ... put them into effect (`concretizes`).
CENTRAL = (
    (
        "18-NQ/TW",
        D(2017, 10, 25),
        "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII về "
        "tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động "
        "hiệu lực, hiệu quả",
    ),
    (
        "105-QĐ/TW",
        D(2017, 12, 19),
        "Quy định số 105-QĐ/TW ngày 19/12/2017 của Bộ Chính trị về phân cấp quản lý cán bộ "
        "và bổ nhiệm, giới thiệu cán bộ ứng cử",
    ),
    (
        "132-QĐ/TW",
        D(2018, 3, 8),
        "Quy định số 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị về kiểm điểm và đánh giá, "
        "xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị",
    ),
    (
        "26-NQ/TW",
        D(2018, 5, 19),
        "Nghị quyết số 26-NQ/TW ngày 19/5/2018 của Hội nghị Trung ương 7 khóa XII về tập "
        "trung xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược",
    ),
    (
        "37-NQ/TW",
        D(2018, 12, 24),
        "Nghị quyết số 37-NQ/TW ngày 24/12/2018 của Bộ Chính trị về việc sắp xếp các đơn "
        "vị hành chính cấp huyện và cấp xã",
    ),
    (
        "28-CT/TW",
        D(2019, 1, 21),
        "Chỉ thị số 28-CT/TW ngày 21/01/2019 của Ban Bí thư về nâng cao chất lượng kết nạp "
        "đảng viên và rà soát, sàng lọc, đưa những đảng viên không còn đủ tư cách ra "
        "khỏi Đảng",
    ),
    (
        "35-CT/TW",
        D(2019, 5, 30),
        "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp tiến "
        "tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    ),
    (
        "24-QĐ/TW",
        D(2021, 7, 30),
        "Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng",
    ),
    (
        "14-KL/TW",
        D(2021, 9, 22),
        "Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị về chủ trương khuyến khích và "
        "bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung",
    ),
    (
        "01-HD/TW",
        D(2021, 9, 28),
        "Hướng dẫn số 01-HD/TW ngày 28/9/2021 của Ban Bí thư về một số vấn đề cụ thể thi hành Điều lệ Đảng",
    ),
    (
        "21-KL/TW",
        D(2021, 10, 25),
        "Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị Trung ương 4 khóa XIII về đẩy "
        "mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    ),
    (
        "41-QĐ/TW",
        D(2021, 11, 3),
        "Quy định số 41-QĐ/TW ngày 03/11/2021 của Bộ Chính trị về việc miễn nhiệm, từ chức đối với cán bộ",
    ),
    ("50-QĐ/TW", D(2021, 12, 27), "Quy định số 50-QĐ/TW ngày 27/12/2021 của Bộ Chính trị về công tác quy hoạch cán bộ"),
    (
        "12-HD/BTCTW",
        D(2022, 1, 18),
        "Hướng dẫn số 12-HD/BTCTW ngày 18/01/2022 của Ban Tổ chức Trung ương về nghiệp vụ công tác đảng viên",
    ),
    (
        "58-QĐ/TW",
        D(2022, 2, 8),
        "Quy định số 58-QĐ/TW ngày 08/02/2022 của Bộ Chính trị về một số vấn đề bảo vệ chính trị nội bộ Đảng",
    ),
    ("65-QĐ/TW", D(2022, 4, 28), "Quy định số 65-QĐ/TW ngày 28/4/2022 của Bộ Chính trị về luân chuyển cán bộ"),
    (
        "69-QĐ/TW",
        D(2022, 7, 6),
        "Quy định số 69-QĐ/TW ngày 06/7/2022 của Bộ Chính trị về kỷ luật tổ chức đảng, đảng viên vi phạm",
    ),
    (
        "80-QĐ/TW",
        D(2022, 8, 18),
        "Quy định số 80-QĐ/TW ngày 18/8/2022 của Bộ Chính trị về phân cấp quản lý cán bộ và "
        "bổ nhiệm, giới thiệu cán bộ ứng cử",
    ),
    (
        "27-NQ/TW",
        D(2022, 11, 9),
        "Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Hội nghị Trung ương 6 khóa XIII về tiếp "
        "tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai "
        "đoạn mới",
    ),
    (
        "28-NQ/TW",
        D(2022, 11, 17),
        "Nghị quyết số 28-NQ/TW ngày 17/11/2022 của Hội nghị Trung ương 6 khóa XIII về tiếp "
        "tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị "
        "trong giai đoạn mới",
    ),
    (
        "96-QĐ/TW",
        D(2023, 2, 2),
        "Quy định số 96-QĐ/TW ngày 02/02/2023 của Bộ Chính trị về lấy phiếu tín nhiệm đối với "
        "chức vụ lãnh đạo, quản lý trong hệ thống chính trị",
    ),
    (
        "114-QĐ/TW",
        D(2023, 7, 11),
        "Quy định số 114-QĐ/TW ngày 11/7/2023 của Bộ Chính trị về kiểm soát quyền lực và "
        "phòng, chống tham nhũng, tiêu cực trong công tác cán bộ",
    ),
    (
        "124-QĐ/TW",
        D(2023, 10, 4),
        "Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị về kiểm điểm và đánh giá, "
        "xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị",
    ),
    (
        "45-CT/TW",
        D(2025, 4, 14),
        "Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị về đại hội đảng bộ các cấp tiến "
        "tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    ),
    (
        "294-QĐ/TW",
        D(2025, 5, 26),
        "Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng",
    ),
    (
        "06-HD/TW",
        D(2025, 6, 9),
        "Hướng dẫn số 06-HD/TW ngày 09/6/2025 của Ban Bí thư về một số vấn đề cụ thể thi hành Điều lệ Đảng",
    ),
    (
        "366-QĐ/TW",
        D(2025, 8, 30),
        "Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị về kiểm điểm, đánh giá, xếp "
        "loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị",
    ),
    ("01-QĐ/TW", D(2026, 2, 3), "Quy định số 01-QĐ/TW ngày 03/02/2026 của Bộ Chính trị về chế độ đảng phí"),
)
CENTRAL_BY_NO = {no: (no, day, title) for no, day, title in CENTRAL}

TYPE_ABBR = {
    "program": "CTr",
    "regulation": "QĐ",
    "decision": "QĐ",
    "conclusion": "KL",
    "plan": "KH",
    "project": "ĐA",
    "directive": "CT",
    "resolution": "NQ",
    "report": "BC",
    "guideline": "HD",
    "other": "CV",
}
TYPE_TITLE = {
    "program": "Chương trình hành động thực hiện {c}",
    "regulation": "Quy định thực hiện {c}",
    "decision": "Quyết định ban hành quy trình thực hiện {c}",
    "conclusion": "Kết luận về tiếp tục thực hiện {c}",
    "plan": "Kế hoạch triển khai thực hiện {c}",
    "project": "Đề án thực hiện {c}",
}
# The province's 2023: 20 central documents concretized (1 program, 7 regulations, 1 decision,
# 1 conclusion, 7 plans, 3 projects) — seed 001 (Báo Sóc Trăng, 11/02/2024).
PROVINCE_2023 = (
    ("program", "28-NQ/TW"),
    ("regulation", "80-QĐ/TW"),
    ("regulation", "96-QĐ/TW"),
    ("regulation", "114-QĐ/TW"),
    ("regulation", "50-QĐ/TW"),
    ("regulation", "65-QĐ/TW"),
    ("regulation", "41-QĐ/TW"),
    ("regulation", "58-QĐ/TW"),
    ("decision", "12-HD/BTCTW"),
    ("conclusion", "21-KL/TW"),
    ("plan", "124-QĐ/TW"),
    ("plan", "27-NQ/TW"),
    ("plan", "69-QĐ/TW"),
    ("plan", "14-KL/TW"),
    ("plan", "24-QĐ/TW"),
    ("plan", "01-HD/TW"),
    ("plan", "28-CT/TW"),
    ("project", "26-NQ/TW"),
    ("project", "18-NQ/TW"),
    ("project", "21-KL/TW"),
)
PROVINCE_2023_REVIEWS = 21
PROVINCE_2023_PERSONNEL = 69
PROVINCE_2023_TRAINING = 1363
CONCRETIZED_TYPES = (
    ("plan", 40),
    ("regulation", 15),
    ("program", 8),
    ("decision", 10),
    ("conclusion", 7),
    ("project", 6),
)
PLENUMS = {
    2019: "Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XII",
    2020: "Hội nghị lần thứ mười hai, mười ba Ban Chấp hành Trung ương Đảng khóa XII",
    2021: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    2022: "Nghị quyết Hội nghị lần thứ năm, sáu Ban Chấp hành Trung ương Đảng khóa XIII",
    2023: "Nghị quyết Hội nghị lần thứ bảy, tám Ban Chấp hành Trung ương Đảng khóa XIII",
    2024: "Nghị quyết Hội nghị lần thứ chín, mười Ban Chấp hành Trung ương Đảng khóa XIII",
    2025: "Nghị quyết Hội nghị lần thứ mười một, mười hai, mười ba Ban Chấp hành Trung ương Đảng khóa XIII",
    2026: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
}
PERSONNEL_NOTES = (
    "Bổ nhiệm, bổ nhiệm lại",
    "Giới thiệu cán bộ ứng cử",
    "Điều động, luân chuyển cán bộ",
    "Chuẩn y kết quả bầu cử",
    "Cho thôi giữ chức vụ, nghỉ hưu",
)
TRAINING_NOTES = (
    "Cao cấp lý luận chính trị",
    "Trung cấp lý luận chính trị",
    "Bồi dưỡng, cập nhật kiến thức",
    "Đào tạo sau đại học",
    "Bồi dưỡng nghiệp vụ công tác tổ chức xây dựng Đảng",
    "Bồi dưỡng quốc phòng và an ninh",
)


class Activities:
    def __init__(self, history: History, rng: random.Random):
        self.h = history
        self.s: Structure = history.s
        self.rng = rng
        self.today = history.today
        self.documents: list[dict] = []
        self.classes: list[dict] = []
        self.dialogues: list[dict] = []
        self.cadre: list[dict] = []
        self.targets: list[dict] = []
        self.arrivals: list[dict] = []
        self._numbers: Counter = Counter()
        self._hosts: dict = {}
        self._province_docs: dict[int, list] = {}

    def build(self) -> None:
        for year in range(FIRST_EVENT_DAY.year, self.today.year + 1):
            first = max(D(year, 1, 2), FIRST_EVENT_DAY)
            last = min(D(year, 12, 31), self.today)
            for org in self.s.orgs.values():
                span = _active_span(org, first, last)
                if span is None:
                    continue
                if org.kind == "provincial":
                    self.province_year(org, year, *span)
                elif org.kind == "upper":
                    self.upper_year(org, year, *span)
                elif org.kind == "grassroots_committee":
                    self.grassroots_year(org, year, *span)
        self.build_targets()
        self.build_arrivals()

    def build_arrivals(self) -> None:
        """Tiếp nhận sinh hoạt đảng tạm thời: members from other provinces working here for a while
        (enterprises, construction sites, units), about 70 a year."""
        from xaydungdang.demo.people import ORIGINS

        rng = self.rng
        weight = {"enterprise": 6.0, "residential": 1.0, "agency": 1.5, "military": 2.0, "school": 0.7, "clinic": 1.0}
        weights: dict[int, list[float]] = {}
        for year in range(FIRST_EVENT_DAY.year, self.today.year + 1):
            first, last = max(D(year, 1, 2), FIRST_EVENT_DAY), min(D(year, 12, 31), self.today)
            for _ in range(round(rng.uniform(60, 80) * ((last - first).days + 1) / 365)):
                day = self.day_in(first, last)
                cells = self.s.cells_on(day)
                key = id(cells)
                if key not in weights:
                    weights[key] = list(
                        itertools.accumulate(weight.get(c.category, 1.0) * max(c.size, 1) for c in cells)
                    )
                host = rng.choices(cells, cum_weights=weights[key])[0]
                if host.dissolved and (host.dissolved - day).days <= 60:
                    continue  # a cell about to close receives nobody
                _prefix, _code, province = rng.choice(ORIGINS)
                until = day + dt.timedelta(days=rng.randint(90, 540))
                self.arrivals.append(
                    dict(
                        org_code=host.code,
                        on=day,
                        full_name=names.full_name(rng, "Kinh", rng.random() < 0.3),
                        home_org=f"Đảng bộ {province}",
                        until=until if until <= self.today else None,
                    )
                )

    # -- helpers -----------------------------------------------------------------------------------
    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def number(self, org: Org, type_: str, day: dt.date) -> str:
        term = 1 if day >= TERM_START else 0  # numbering restarts with each term (36-HD/VPTW)
        key = (org.code, TYPE_ABBR[type_], term)
        self._numbers[key] += 1
        return f"{self._numbers[key]:02d}-{TYPE_ABBR[type_]}/{doc_suffix(org)}"

    def document(
        self, org: Org, type_: str, day: dt.date, title: str, concretizes: str = "", review: bool = False
    ) -> dict:
        row = dict(
            org_code=org.code,
            number=self.number(org, type_, day),
            type=type_,
            issued_on=day,
            title=title[:500],
            concretizes=concretizes,
            is_review="yes" if review else "",
        )
        self.documents.append(row)
        return row

    def central_before(self, day: dt.date, years: int = 4) -> list[tuple]:
        return [c for c in CENTRAL if c[1] < day and (day - c[1]).days < 365 * years] or [
            c for c in CENTRAL if c[1] < day
        ]

    def host(self, org: Org, day: dt.date) -> str:
        term = day >= TERM_START
        key = (org.code, term)
        if key not in self._hosts:
            female = self.rng.random() < 0.2
            ethnicity = "Khmer" if self.rng.random() < 0.15 else "Kinh"
            self._hosts[key] = names.full_name(self.rng, ethnicity, female)
        title = org.title or org.name.removeprefix("Đảng bộ ")
        role = "Bí thư " + (
            title if title.startswith(("Tỉnh ủy", "Huyện ủy", "Thị ủy", "Thành ủy", "Đảng ủy")) else f"Đảng ủy {title}"
        )
        return f"Đồng chí {self._hosts[key]}, {role}"

    def split(self, total: int, parts: int) -> list[int]:
        """`total` cut into `parts` positive integers."""
        parts = max(1, min(parts, total))
        cuts = sorted(self.rng.sample(range(1, total), parts - 1)) if parts > 1 else []
        edges = [0] + cuts + [total]
        return [b - a for a, b in itertools.pairwise(edges)]

    # -- the province ------------------------------------------------------------------------------
    def province_year(self, org: Org, year: int, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        if year == 2023:
            for type_, central in PROVINCE_2023:
                no, issued, title = CENTRAL_BY_NO[central]
                day = self.day_in(max(start, issued + dt.timedelta(days=20)), end)
                self.document(org, type_, day, TYPE_TITLE[type_].format(c=title), no)
            reviews = PROVINCE_2023_REVIEWS
        else:
            for _ in range(rng.randint(14, 24)):
                self.concretize(org, start, end)
            reviews = rng.randint(14, 24)
        for _ in range(reviews):
            self.review(org, start, end)
        self.plain_documents(org, year, start, end, rng.randint(18, 28))
        self.cadre_year(org, year, start, end, province=True)
        self.class_rows(
            org, year, start, end, resolution=(3, 5, 600, 1200), thematic=(1, 2, 500, 900), other=(2, 4, 60, 150)
        )
        self.dialogue_rows(org, start, end, rng.randint(2, 3), (15, 40))

    def concretize(self, org: Org, start: dt.date, end: dt.date, source: list | None = None) -> None:
        rng = self.rng
        type_ = rng.choices([t for t, _ in CONCRETIZED_TYPES], [w for _, w in CONCRETIZED_TYPES])[0]
        day = self.day_in(start, end)
        pool = source if source is not None else self.central_before(day)
        pool = [d for d in pool if d[1] < day]
        if not pool:
            return
        number, _issued, title = rng.choice(pool)
        self.document(org, type_, day, TYPE_TITLE[type_].format(c=title), number)

    def review(self, org: Org, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        day = self.day_in(start, end)
        pool = [c for c in CENTRAL if c[1] < day - dt.timedelta(days=365)] or [c for c in CENTRAL if c[1] < day]
        _number, issued, title = rng.choice(pool)
        years = max(1, (day - issued).days // 365)
        word = "tổng kết" if years >= 5 else "sơ kết"
        self.document(org, "report", day, f"Báo cáo {word} {years} năm thực hiện {title}", review=True)

    def plain_documents(self, org: Org, year: int, start: dt.date, end: dt.date, count: int) -> None:
        rng = self.rng
        templates = (
            ("resolution", "Nghị quyết về lãnh đạo thực hiện nhiệm vụ năm {y}"),
            ("report", "Báo cáo tình hình thực hiện nhiệm vụ công tác xây dựng Đảng tháng {m}/{y}"),
            ("guideline", "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tập thể, cá nhân năm {y}"),
            ("guideline", "Hướng dẫn nghiệp vụ công tác đảng viên năm {y}"),
            ("directive", "Chỉ thị về tăng cường công tác phát triển đảng viên năm {y}"),
            ("other", "Công văn về việc rà soát, bổ sung dữ liệu đảng viên năm {y}"),
        )
        for _ in range(count):
            day = self.day_in(start, end)
            type_, title = rng.choice(templates)
            self.document(org, type_, day, title.format(y=year, m=day.month))

    def cadre_year(self, org: Org, year: int, start: dt.date, end: dt.date, province: bool) -> None:
        rng = self.rng
        if province:
            personnel = PROVINCE_2023_PERSONNEL if year == 2023 else rng.randint(50, 90)
            training = PROVINCE_2023_TRAINING if year == 2023 else rng.randint(1100, 1500)
            planning = rng.randint(150, 300)
        else:
            personnel, training, planning = rng.randint(12, 40), rng.randint(80, 250), rng.randint(40, 120)
        share = ((end - start).days + 1) / 365
        if not province:
            personnel, training, planning = (max(1, round(x * share)) for x in (personnel, training, planning))
        for kind, total, parts, notes in (
            ("personnel", personnel, rng.randint(8, 16), PERSONNEL_NOTES),
            ("training", training, rng.randint(12, 24), TRAINING_NOTES),
        ):
            for count in self.split(total, parts):
                self.cadre.append(
                    dict(org_code=org.code, kind=kind, on=self.day_in(start, end), count=count, note=rng.choice(notes))
                )
        self.cadre.append(
            dict(
                org_code=org.code,
                kind="planning",
                on=self.day_in(start, end),
                count=planning,
                note=f"Rà soát, bổ sung quy hoạch cán bộ năm {year}",
            )
        )
        if year == 2023 and start <= D(2023, 11, 30) <= end:
            self.cadre.append(
                dict(
                    org_code=org.code,
                    kind="confidence_vote",
                    on=self.day_in(D(2023, 10, 1), min(end, D(2023, 12, 15))),
                    count=rng.randint(150, 220) if province else rng.randint(20, 45),
                    note="Lấy phiếu tín nhiệm theo Quy định số 96-QĐ/TW",
                )
            )

    # -- upper and grassroots committees -----------------------------------------------------------
    def upper_year(self, org: Org, year: int, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        share = ((end - start).days + 1) / 365
        province_docs = self._province_docs.get(year)
        if province_docs is None:
            province_docs = self._province_docs[year] = [
                (d["number"], d["issued_on"], f"{d['title']} của Tỉnh ủy")
                for d in self.documents
                if d["org_code"] in ("ST", CITY) and d["concretizes"]
            ]
        for _ in range(round(rng.randint(6, 11) * share)):
            source = province_docs if province_docs and rng.random() < 0.6 else None
            self.concretize(org, start, end, source)
        for _ in range(round(rng.randint(4, 9) * share)):
            self.review(org, start, end)
        self.plain_documents(org, year, start, end, round(rng.randint(8, 14) * share))
        self.cadre_year(org, year, start, end, province=False)
        admitted = self.h.admissions_by_upper.get((org.code, year), 0)
        self.class_rows(
            org,
            year,
            start,
            end,
            resolution=(round(8 * share), round(14 * share), 80, 400),
            thematic=(round(3 * share), round(6 * share), 100, 300),
            other=(0, 2, 30, 80),
            awareness=round(admitted * rng.uniform(1.05, 1.25)),
            new_members=round(admitted * rng.uniform(0.85, 1.0)),
        )
        self.dialogue_rows(org, start, end, round(rng.randint(6, 12) * share), (6, 22))

    def grassroots_year(self, org: Org, year: int, start: dt.date, end: dt.date) -> None:
        rng = self.rng
        self.document(
            org,
            "resolution",
            self.day_in(start, min(end, max(start, D(year, 2, 28)))),
            f"Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm {year}",
        )
        if end >= D(year, 12, 1):
            self.document(
                org,
                "report",
                self.day_in(D(year, 12, 1), end),
                f"Báo cáo tổng kết công tác xây dựng Đảng năm {year}",
                review=True,
            )
        if rng.random() < 0.4:
            self.concretize(org, start, end)
        self.class_rows(org, year, start, end, resolution=(1, 3, 20, 120))
        if org.category == "residential" and rng.random() < 0.8:
            self.dialogue_rows(org, start, end, rng.randint(1, 2), (3, 12))

    # -- classes and dialogues ---------------------------------------------------------------------
    def class_rows(
        self,
        org: Org,
        year: int,
        start: dt.date,
        end: dt.date,
        *,
        resolution=None,
        thematic=None,
        other=None,
        awareness: int = 0,
        new_members: int = 0,
    ) -> None:
        rng = self.rng
        plans = (
            ("resolution_study", resolution, f"Học tập, quán triệt {PLENUMS.get(year, PLENUMS[2026])}", 1),
            (
                "thematic",
                thematic,
                f"Học tập chuyên đề năm {year} về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                0,
            ),
            ("other", other, "Bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy viên cơ sở", 3),
        )
        for kind, spec, title, days in plans:
            if not spec:
                continue
            low, high, size_low, size_high = spec
            for _ in range(rng.randint(low, max(low, high))):
                day = self.day_in(start, end)
                self.classes.append(
                    dict(
                        org_code=org.code,
                        kind=kind,
                        title=title,
                        started_on=day,
                        ended_on=min(day + dt.timedelta(days=days), self.today),
                        participants=rng.randint(size_low, size_high),
                    )
                )
        for kind, total, label, size, days in (
            ("party_awareness", awareness, "Bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú", 60, 6),
            ("new_member", new_members, "Bồi dưỡng lý luận chính trị cho đảng viên mới", 55, 8),
        ):
            if total <= 0:
                continue
            for k, count in enumerate(self.split(total, max(1, round(total / size))), 1):
                day = self.day_in(start, end)
                self.classes.append(
                    dict(
                        org_code=org.code,
                        kind=kind,
                        title=f"{label} (lớp {k}/{year})",
                        started_on=day,
                        ended_on=min(day + dt.timedelta(days=days), self.today),
                        participants=count,
                    )
                )

    def dialogue_rows(self, org: Org, start: dt.date, end: dt.date, sessions: int, cases: tuple[int, int]) -> None:
        for _ in range(sessions):
            day = self.day_in(start, end)
            self.dialogues.append(
                dict(org_code=org.code, held_on=day, host=self.host(org, day), cases=self.rng.randint(*cases))
            )

    # -- targets -----------------------------------------------------------------------------------
    def build_targets(self) -> None:
        """The province's targets (plan.py) shared among the upper committees in proportion to what
        they admit, give or take."""
        rng = self.rng
        self.targets.append(dict(org_code="ST", period=TERM_TARGET[0], indicator="admissions", value=TERM_TARGET[1]))
        by_year: dict[int, dict[str, float]] = defaultdict(dict)
        for (upper, year), admitted in sorted(self.h.admissions_by_upper.items()):
            by_year[year][upper] = admitted * rng.uniform(0.93, 1.06)
        for year in range(FIRST_EVENT_DAY.year, self.today.year + 1):
            total = TARGETS.get(year, TARGETS[max(TARGETS)])
            # From 2026 the city sets the targets (generator.py adds the former Hậu Giang's and Cần Thơ's).
            province = "ST" if year <= CITY_DAY.year else CITY
            self.targets.append(dict(org_code=province, period=str(year), indicator="admissions", value=total))
            raw = by_year.get(year, {})
            if year == 2025:
                raw = self._before_reorganization(raw)
            weight = sum(raw.values())
            if not weight:
                continue
            shares = {u: total * w / weight for u, w in raw.items()}
            values = {u: int(x) for u, x in shares.items()}
            for u in sorted(shares, key=lambda u: shares[u] - values[u], reverse=True)[: total - sum(values.values())]:
                values[u] += 1
            for upper, value in values.items():
                self.targets.append(dict(org_code=upper, period=str(year), indicator="admissions", value=value))

    def _before_reorganization(self, raw: dict[str, float]) -> dict[str, float]:
        """2025's targets were shared at the start of the year, among the districts and the Khối (the
        commune committees formed on 1/7 and the Khối's successors took their admissions over)."""
        result: dict[str, float] = defaultdict(float)
        for upper, value in raw.items():
            org = self.s.orgs[upper]
            if org.code.startswith("ST.X"):
                result[f"ST.{org.district}"] += value
            elif org.code in (KHOI_PARTY, KHOI_STATE):
                result["ST.KCQ"] += value
            else:
                result[upper] += value
        return dict(result)


def _active_span(org: Org, first: dt.date, last: dt.date):
    start = max(first, org.established)
    end = min(last, org.dissolved - dt.timedelta(days=1)) if org.dissolved else last
    return (start, end) if start <= end else None
