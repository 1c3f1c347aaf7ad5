"""Personal names of the three communities of Sóc Trăng (Kinh, Khmer, Hoa), with weights.

Khmer people in Vietnam carry a Vietnamese-assigned family name (Thạch, Sơn, Kim, Danh, ...)
and often a transliterated Khmer given name (Sóc Khêm, Sa Ry, ...); many use Vietnamese
given names too. Hoa families keep their Chinese-Vietnamese surnames (Lý, Quách, Tăng, ...).
"""

import bisect
import random


class Weighted:
    """A fixed weighted choice, drawn by bisection (random.choices recomputes its table per call)."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cum, total = [], 0.0
        for _, weight in pairs:
            total += weight
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# (name, weight)
KINH_FAMILY = Weighted(
    (
        ("Nguyễn", 30),
        ("Trần", 12),
        ("Lê", 9),
        ("Huỳnh", 7),
        ("Phạm", 6),
        ("Võ", 6),
        ("Phan", 4),
        ("Trương", 2),
        ("Đặng", 2),
        ("Bùi", 2),
        ("Đỗ", 1.5),
        ("Ngô", 1.5),
        ("Hồ", 1.5),
        ("Dương", 1.2),
        ("Đoàn", 1),
        ("Lâm", 1),
        ("Tô", 0.8),
        ("Châu", 0.8),
        ("Lưu", 0.6),
        ("Mai", 0.6),
        ("Tạ", 0.5),
        ("Cao", 0.5),
        ("Đinh", 0.5),
        ("Lý", 0.5),
        ("Thái", 0.4),
        ("Hà", 0.4),
        ("Quách", 0.3),
        ("Vương", 0.3),
        ("La", 0.3),
        ("Kiều", 0.2),
    )
)
KINH_MIDDLE_MALE = Weighted(
    (
        ("Văn", 40),
        ("Minh", 8),
        ("Hoàng", 5),
        ("Quốc", 6),
        ("Thanh", 6),
        ("Hữu", 5),
        ("Công", 4),
        ("Đức", 3),
        ("Ngọc", 3),
        ("Tấn", 4),
        ("Phước", 3),
        ("Trung", 2),
        ("Chí", 3),
        ("Thành", 2),
        ("Hoài", 2),
        ("Duy", 2),
        ("Trọng", 2),
        ("Nhật", 2),
        ("Gia", 1),
        ("Thái", 1),
    )
)
KINH_MIDDLE_FEMALE = Weighted(
    (
        ("Thị", 45),
        ("Ngọc", 8),
        ("Thanh", 6),
        ("Kim", 5),
        ("Thúy", 3),
        ("Hồng", 3),
        ("Mỹ", 4),
        ("Bích", 3),
        ("Diễm", 2),
        ("Thu", 3),
        ("Phương", 2),
        ("Huỳnh", 1),
        ("Minh", 2),
        ("Cẩm", 2),
        ("Tuyết", 1),
        ("Trúc", 2),
    )
)
KINH_GIVEN_MALE = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khang",
    "Khoa",
    "Lâm",
    "Long",
    "Lộc",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phong",
    "Phúc",
    "Quang",
    "Sang",
    "Tài",
    "Tâm",
    "Thành",
    "Thắng",
    "Thiện",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Vinh",
    "Vũ",
    "Bảo",
    "Châu",
    "Định",
    "Đông",
    "Giang",
    "Hào",
    "Hậu",
    "Hòa",
    "Huy",
    "Kiệt",
    "Lợi",
    "Luân",
    "Mẫn",
    "Nhựt",
    "Phát",
    "Quân",
    "Sơn",
    "Tân",
    "Thông",
    "Tín",
    "Triều",
    "Trường",
    "Tú",
    "Vĩnh",
    "Xuân",
    "Em",
    "Út",
    "Điền",
)
KINH_GIVEN_FEMALE = (
    "Anh",
    "Châu",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Ngân",
    "Nhi",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Vân",
    "Xuân",
    "Yến",
    "Ánh",
    "Bích",
    "Cúc",
    "Đào",
    "Hiền",
    "Huệ",
    "Kiều",
    "Lài",
    "Lệ",
    "Mến",
    "Ngọc",
    "Nguyệt",
    "Nhàn",
    "Phượng",
    "Sương",
    "Tâm",
    "Thắm",
    "Thơ",
    "Thu",
    "Tiên",
    "Tươi",
    "Vy",
    "Em",
    "Út",
)

KHMER_FAMILY = Weighted(
    (
        ("Thạch", 30),
        ("Sơn", 18),
        ("Kim", 12),
        ("Lâm", 8),
        ("Danh", 7),
        ("Triệu", 5),
        ("Lý", 5),
        ("Châu", 4),
        ("Trà", 3),
        ("Huỳnh", 2),
        ("Trần", 3),
        ("Dương", 1.5),
        ("Mai", 1),
        ("Tăng", 0.5),
    )
)
KHMER_GIVEN_MALE = (
    "Sóc Khêm",
    "Sa Rết",
    "Sô Phol",
    "Chanh Đa",
    "Sa Vuth",
    "Sa Mết",
    "Sà Rinh",
    "Phươl",
    "Kha Ra",
    "Rinh",
    "Sóc Ly",
    "Sà Phân",
    "Chăn Thu",
    "Thươl",
    "Sa Ly",
    "Sê Ry",
    "Sô Phia",
    "Pha Ni",
    "Sà Ránh",
    "Sóc Ni",
    "Mơ Ni",
    "Sa Muôn",
    "Kol",
    "Sóc Thươl",
    "Chum",
    "Dên",
    "Sa Rương",
    "Bô Pha",
    "Chanh Thy",
    "Sơ Mách",
    "Vi Sal",
    "Ta Ra",
    "Son Tha",
    "Sa Khon",
    "Út",
)
KHMER_GIVEN_FEMALE = (
    "Sa Ry",
    "Sa Phia",
    "Sa Ren",
    "Sà Kha",
    "Sóc Kha",
    "Sa Rinh",
    "Chanh Thy",
    "Pha Ly",
    "Đa Ry",
    "Sà Ma",
    "Sóc Thi",
    "Sa Quênh",
    "Mỹ Linh",
    "Sa Mươl",
    "Chanh Ra",
    "Sa Ro",
    "Ni Ta",
    "Sô Phi",
    "Sa Vi",
    "Sà Ly",
    "Kim Hoa",
    "Sóc Pha",
    "Thu Ba",
    "Sa Rây",
    "Sa Thi",
)

HOA_FAMILY = Weighted(
    (
        ("Lý", 18),
        ("Quách", 12),
        ("Trương", 12),
        ("Tăng", 9),
        ("Lưu", 8),
        ("Diệp", 6),
        ("Mã", 5),
        ("Hứa", 6),
        ("Lâm", 8),
        ("Ông", 3),
        ("Giang", 3),
        ("Thái", 4),
        ("Tạ", 3),
        ("Huỳnh", 3),
        ("Trần", 4),
        ("Vương", 3),
    )
)
HOA_MIDDLE_MALE = Weighted(
    (
        ("Văn", 10),
        ("Kiến", 5),
        ("Gia", 5),
        ("Vĩnh", 5),
        ("Chí", 5),
        ("Quốc", 4),
        ("Tú", 3),
        ("Minh", 4),
        ("Hán", 2),
        ("Thế", 3),
    )
)
HOA_MIDDLE_FEMALE = Weighted(
    (("Thị", 12), ("Huệ", 6), ("Mỹ", 6), ("Tú", 5), ("Kim", 5), ("Ngọc", 4), ("Gia", 3), ("Bội", 2), ("Tuyết", 3))
)
HOA_GIVEN_MALE = (
    "Phong",
    "Hoa",
    "Cường",
    "Kiệt",
    "Hào",
    "Huy",
    "Tài",
    "Lợi",
    "Thuận",
    "Vinh",
    "Phát",
    "Đạt",
    "Khánh",
    "Hùng",
    "Tường",
    "Nghị",
    "Triết",
    "Sanh",
    "Quyền",
    "Minh",
)
HOA_GIVEN_FEMALE = (
    "Phương",
    "Anh",
    "Linh",
    "Hoa",
    "Ngọc",
    "Trân",
    "Như",
    "Lệ",
    "Huyền",
    "Mai",
    "Quyên",
    "Vy",
    "Hân",
    "Tâm",
    "Yến",
    "Khanh",
    "Dung",
    "Lan",
)

# Religion of party members by ethnicity: (religion or "" for none, weight). Khmer members are
# largely Theravada Buddhists; Kinh members mostly declare none.
RELIGIONS = {
    "Kinh": Weighted(
        (
            ("", 85.3),
            ("Phật giáo", 9),
            ("Công giáo", 2.5),
            ("Cao Đài", 1.5),
            ("Phật giáo Hòa Hảo", 1),
            ("Tịnh độ cư sĩ Phật hội Việt Nam", 0.4),
            ("Tin Lành", 0.3),
        )
    ),
    "Khmer": Weighted((("Phật giáo Nam tông Khmer", 58), ("", 42))),
    "Hoa": Weighted((("", 70), ("Phật giáo", 28), ("Công giáo", 2))),
}


def pick(rng: random.Random, weighted: Weighted) -> str:
    return weighted.pick(rng)


def full_name(rng: random.Random, ethnicity: str, female: bool) -> str:
    if ethnicity == "Khmer":
        family = pick(rng, KHMER_FAMILY)
        if rng.random() < 0.6:
            given = rng.choice(KHMER_GIVEN_FEMALE if female else KHMER_GIVEN_MALE)
            return f"{family} Thị {given}" if female and rng.random() < 0.8 else f"{family} {given}"
        middle = pick(rng, KINH_MIDDLE_FEMALE if female else KINH_MIDDLE_MALE)
        given = rng.choice(KINH_GIVEN_FEMALE if female else KINH_GIVEN_MALE)
        return f"{family} {middle} {given}"
    if ethnicity == "Hoa":
        family = pick(rng, HOA_FAMILY)
        middle = pick(rng, HOA_MIDDLE_FEMALE if female else HOA_MIDDLE_MALE)
        given = rng.choice(HOA_GIVEN_FEMALE if female else HOA_GIVEN_MALE)
        return f"{family} {middle} {given}"
    family = pick(rng, KINH_FAMILY)
    middle = pick(rng, KINH_MIDDLE_FEMALE if female else KINH_MIDDLE_MALE)
    given = rng.choice(KINH_GIVEN_FEMALE if female else KINH_GIVEN_MALE)
    if given == middle:
        given = rng.choice(KINH_GIVEN_FEMALE if female else KINH_GIVEN_MALE)
    return f"{family} {middle} {given}"
