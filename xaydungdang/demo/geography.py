"""Sóc Trăng's administrative units before 1/7/2025 (11 district-level units, 109 communes)
and the commune-level units formed by merging them on 1/7/2025.

District and commune names are the real ones (as of 2020–2025). The 2025 groupings are the
demo's own simplification (each new unit takes the name of one of the merged communes); village
names are plausible local names, not a register.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Commune:
    kind: str  # "xã", "thị trấn", "phường"
    name: str  # "Kế An", "1" for "Phường 1"

    @property
    def numbered(self) -> bool:
        return self.name.isdigit()

    def title(self, district: "District | None" = None) -> str:
        """'xã Kế An', 'Phường 1' (with the district for numbered wards: there are many)."""
        if self.numbered:
            text = f"Phường {self.name}"
            return f"{text}, {district.title}" if district else text
        return f"{self.kind} {self.name}"

    @property
    def urban(self) -> bool:
        return self.kind != "xã"


@dataclass(frozen=True)
class NewCommune:
    kind: str  # "xã" or "phường"
    name: str
    members: tuple[int, ...]  # indices into District.communes

    @property
    def title(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class District:
    key: str  # short code used in organization codes
    kind: str  # "huyện", "thị xã", "thành phố"
    name: str
    established: str  # ISO date of the party committee (or of the unit's founding)
    khmer: float  # share of Khmer among members recruited there
    hoa: float
    communes: tuple[Commune, ...]
    seat: int  # index of the commune holding the district seat
    merged: tuple[NewCommune, ...] = field(default=())

    @property
    def title(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def committee_word(self) -> str:
        """'Huyện ủy', 'Thị ủy', 'Thành ủy' (document signatures, dialogue hosts)."""
        return {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[self.kind]

    @property
    def doc_suffix(self) -> str:
        return {"huyện": "HU", "thị xã": "ThU", "thành phố": "ThU"}[self.kind]


def _c(kind: str, *names: str) -> tuple[Commune, ...]:
    return tuple(Commune(kind, n) for n in names)


def _n(kind: str, name: str, *members: int) -> NewCommune:
    return NewCommune(kind, name, members)


DISTRICTS: tuple[District, ...] = (
    District(
        "TP",
        "thành phố",
        "Sóc Trăng",
        "1992-04-01",
        0.17,
        0.09,
        _c("phường", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
        1,
        (_n("phường", "Sóc Trăng", 0, 1, 2, 3, 5), _n("phường", "Phú Lợi", 4, 6, 7, 8, 9)),
    ),
    District(
        "KS",
        "huyện",
        "Kế Sách",
        "1992-04-01",
        0.09,
        0.02,
        _c("thị trấn", "Kế Sách", "An Lạc Thôn")
        + _c(
            "xã",
            "An Lạc Tây",
            "An Mỹ",
            "Ba Trinh",
            "Đại Hải",
            "Kế An",
            "Kế Thành",
            "Nhơn Mỹ",
            "Phong Nẫm",
            "Thới An Hội",
            "Trinh Phú",
            "Xuân Hòa",
        ),
        0,
        (
            _n("xã", "Kế Sách", 0, 6, 7, 5),
            _n("xã", "An Lạc Thôn", 1, 2, 12),
            _n("xã", "Phong Nẫm", 9, 8, 3),
            _n("xã", "Thới An Hội", 10, 4, 11),
        ),
    ),
    District(
        "LP",
        "huyện",
        "Long Phú",
        "1992-04-01",
        0.16,
        0.03,
        _c("thị trấn", "Long Phú", "Đại Ngãi")
        + _c(
            "xã",
            "Châu Khánh",
            "Hậu Thạnh",
            "Long Đức",
            "Long Phú",
            "Phú Hữu",
            "Song Phụng",
            "Tân Hưng",
            "Tân Thạnh",
            "Trường Khánh",
        ),
        0,
        (
            _n("xã", "Long Phú", 0, 5, 9),
            _n("xã", "Đại Ngãi", 1, 4, 7),
            _n("xã", "Trường Khánh", 10, 2, 6),
            _n("xã", "Tân Hưng", 8, 3),
        ),
    ),
    District(
        "CLD",
        "huyện",
        "Cù Lao Dung",
        "2002-07-01",
        0.03,
        0.01,
        _c("thị trấn", "Cù Lao Dung")
        + _c(
            "xã", "An Thạnh 1", "An Thạnh 2", "An Thạnh 3", "An Thạnh Đông", "An Thạnh Nam", "An Thạnh Tây", "Đại Ân 1"
        ),
        0,
        (_n("xã", "Cù Lao Dung", 0, 1, 6, 4), _n("xã", "An Thạnh", 2, 3, 5, 7)),
    ),
    District(
        "MT",
        "huyện",
        "Mỹ Tú",
        "1992-04-01",
        0.30,
        0.02,
        _c("thị trấn", "Huỳnh Hữu Nghĩa")
        + _c("xã", "Hưng Phú", "Long Hưng", "Mỹ Hương", "Mỹ Phước", "Mỹ Thuận", "Mỹ Tú", "Phú Mỹ", "Thuận Hưng"),
        0,
        (
            _n("xã", "Mỹ Tú", 0, 6, 5),
            _n("xã", "Long Hưng", 2, 1),
            _n("xã", "Mỹ Hương", 3, 8),
            _n("xã", "Mỹ Phước", 4, 7),
        ),
    ),
    District(
        "CT",
        "huyện",
        "Châu Thành",
        "2008-04-01",
        0.36,
        0.03,
        _c("thị trấn", "Châu Thành")
        + _c("xã", "An Hiệp", "An Ninh", "Hồ Đắc Kiện", "Phú Tâm", "Phú Tân", "Thiện Mỹ", "Thuận Hòa"),
        0,
        (_n("xã", "Thuận Hòa", 0, 7), _n("xã", "Phú Tâm", 4, 5, 6), _n("xã", "An Ninh", 2, 1, 3)),
    ),
    District(
        "TT",
        "huyện",
        "Thạnh Trị",
        "1992-04-01",
        0.22,
        0.03,
        _c("thị trấn", "Phú Lộc", "Hưng Lợi")
        + _c("xã", "Châu Hưng", "Lâm Kiết", "Lâm Tân", "Thạnh Tân", "Thạnh Trị", "Tuân Tức", "Vĩnh Lợi", "Vĩnh Thành"),
        0,
        (_n("xã", "Thạnh Trị", 0, 6, 5), _n("xã", "Lâm Tân", 4, 3, 7), _n("xã", "Vĩnh Lợi", 8, 1, 2, 9)),
    ),
    District(
        "MX",
        "huyện",
        "Mỹ Xuyên",
        "1992-04-01",
        0.30,
        0.05,
        _c("thị trấn", "Mỹ Xuyên")
        + _c(
            "xã",
            "Đại Tâm",
            "Gia Hòa 1",
            "Gia Hòa 2",
            "Hòa Tú 1",
            "Hòa Tú II",
            "Ngọc Đông",
            "Ngọc Tố",
            "Tham Đôn",
            "Thạnh Phú",
            "Thạnh Quới",
        ),
        0,
        (
            _n("phường", "Mỹ Xuyên", 0, 1, 10),
            _n("xã", "Hòa Tú", 4, 5, 6),
            _n("xã", "Ngọc Tố", 7, 2, 3),
            _n("xã", "Nhu Gia", 9, 8),
        ),
    ),
    District(
        "TD",
        "huyện",
        "Trần Đề",
        "2010-01-01",
        0.36,
        0.03,
        _c("thị trấn", "Trần Đề", "Lịch Hội Thượng")
        + _c(
            "xã",
            "Đại Ân 2",
            "Lịch Hội Thượng",
            "Liêu Tú",
            "Tài Văn",
            "Thạnh Thới An",
            "Thạnh Thới Thuận",
            "Trung Bình",
            "Viên An",
            "Viên Bình",
        ),
        0,
        (
            _n("xã", "Trần Đề", 0, 2, 8),
            _n("xã", "Lịch Hội Thượng", 1, 3),
            _n("xã", "Liêu Tú", 4, 10, 9),
            _n("xã", "Tài Văn", 5, 6, 7),
        ),
    ),
    District(
        "VC",
        "thị xã",
        "Vĩnh Châu",
        "1992-04-01",
        0.46,
        0.08,
        _c("phường", "1", "2", "Khánh Hòa", "Vĩnh Phước")
        + _c("xã", "Hòa Đông", "Lạc Hòa", "Lai Hòa", "Vĩnh Hải", "Vĩnh Hiệp", "Vĩnh Tân"),
        0,
        (
            _n("phường", "Vĩnh Châu", 0, 1, 8),
            _n("phường", "Khánh Hòa", 2, 4),
            _n("phường", "Vĩnh Phước", 3, 9),
            _n("xã", "Lai Hòa", 6),
            _n("xã", "Vĩnh Hải", 7, 5),
        ),
    ),
    District(
        "NN",
        "thị xã",
        "Ngã Năm",
        "2003-09-01",
        0.05,
        0.02,
        _c("phường", "1", "2", "3") + _c("xã", "Long Bình", "Mỹ Bình", "Mỹ Quới", "Tân Long", "Vĩnh Quới"),
        0,
        (_n("phường", "Ngã Năm", 0, 1, 2), _n("phường", "Mỹ Quới", 5, 4), _n("xã", "Tân Long", 6, 3, 7)),
    ),
)

PROVINCE = "Sóc Trăng"

# Village (ấp) names: Vietnamese ones and ones of Khmer origin, as found across the province.
VILLAGES_VIET = (
    "An Hòa",
    "An Thạnh",
    "Phước Hòa",
    "Phước Thuận",
    "Tân Hòa",
    "Tân Thới",
    "Hòa Thành",
    "Mỹ Lợi",
    "Mỹ Phú",
    "Phú Hòa",
    "Long Hòa",
    "Long Thạnh",
    "Vĩnh Thuận",
    "Thạnh Lợi",
    "Thạnh Hưng",
    "Kinh Ngay",
    "Xóm Tro",
    "Nhơn Lộc",
    "Nhơn Hòa",
    "Đắc Lực",
    "Phú Thạnh",
    "Trung Hòa",
    "Hòa Lợi",
    "Bình Phước",
    "Bình Hòa",
    "Cái Trưng",
    "Mương Điều",
    "Nước Mặn",
    "Giồng Chát",
    "Tân Lập",
    "Ba Xuyên",
    "Chợ Cũ",
    "Xẻo Me",
    "Phú Giao",
    "Kinh Mới",
    "Hòa Bình",
    "Thuận Hòa",
    "Mỹ Hòa",
    "Tân Mỹ",
    "Phú Lợi",
    "Hưng Thạnh",
    "Vĩnh Phú",
    "Lợi Hưng",
    "Trường Thọ",
    "Phước An",
    "An Nghiệp",
    "Thạnh Mỹ",
    "Kinh Xáng",
    "Rạch Sên",
    "Xóm Chòi",
)
VILLAGES_KHMER = (
    "Sóc Vồ",
    "Prey Chóp",
    "Tà Lọt",
    "Trà Canh",
    "Giồng Chùa",
    "Bưng Cốc",
    "Sà Lôn",
    "Đay Sô",
    "Tắc Gồng",
    "Bưng Tróp",
    "Sóc Lèo",
    "Trà Sết",
    "Sóc Xoài",
    "Tà Biên",
    "Bưng Sa",
    "Sóc Mới",
    "Trà Tim",
    "Trà Quýt",
    "Cà Lăng",
    "Bà Xẩm",
    "Sóc Dong",
    "Ca Lạc",
    "Bưng Chông",
    "Sà Bang",
    "Tà Ân",
    "Sóc Ruộng",
    "Trà Niên",
    "Kos Thum",
    "Pồ Đỗ",
    "Sóc Tháo",
)
