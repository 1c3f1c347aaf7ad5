"""Hand-made report_data dicts of the engine's shape, for renderer and narrative tests."""

import copy

from xaydungdang.indicators.keys import KEYS, NULLABLE_KEYS

ST_2023 = {
    "orgs.direct_committees": 13,
    "orgs.direct_committees_grassroots": 2,
    "orgs.grassroots": 644,
    "orgs.grassroots_committees": 231,
    "orgs.grassroots_cells": 413,
    "orgs.sub_committees": 42,
    "orgs.subordinate_cells": 3120,
    "orgs.cells_below_3_official": 7,
    "members.total": 48879,
    "members.official": 46501,
    "members.probationary": 2378,
    "members.female": 15002,
    "members.ethnic_minority": 9120,
    "members.religious": 2305,
    "members.exempt": 1811,
    "members.away": 940,
    "members.age.upto_30": 7420,
    "members.age.31_40": 13980,
    "members.age.41_50": 12110,
    "members.age.51_60": 9050,
    "members.age.61_70": 4310,
    "members.age.over_70": 2009,
    "members.net_change": 1490,
    "probation.due": 12,
    "admissions.total": 2051,
    "admissions.female": 902,
    "admissions.ethnic_minority": 530,
    "admissions.students": 41,
    "admissions.target": 2050,
    "admissions.target_pct": 100.05,
    "probation.recognized": 1960,
    "transfers.in": 310,
    "transfers.out": 295,
    "removals.total": 576,
    "removals.struck_off": 40,
    "removals.dismissed": 12,
    "removals.expelled": 3,
    "removals.died": 521,
    "removals.abandoned_activities": 19,
    "screening.listed": 79,
    "screening.progressed": 37,
    "screening.continued": 23,
    "screening.removed": 19,
    "screening.pending": 0,
    "ratings.members.excellent": 6800,
    "ratings.members.good": 37000,
    "ratings.members.complete": 4100,
    "ratings.members.incomplete": 180,
    "ratings.members.rated": 48080,
    "ratings.members.good_or_better_pct": 91.1,
    "ratings.grassroots.excellent": 110,
    "ratings.grassroots.good": 450,
    "ratings.grassroots.complete": 80,
    "ratings.grassroots.incomplete": 4,
    "ratings.grassroots.rated": 644,
    "ratings.grassroots.good_or_better_pct": 86.96,
    "inspection.orgs": 351,
    "inspection.members": 162,
    "inspection.inspection": 300,
    "inspection.supervision": 213,
    "discipline.members.total": 45,
    "discipline.members.reprimand": 30,
    "discipline.members.warning": 10,
    "discipline.members.dismissal": 2,
    "discipline.members.expulsion": 3,
    "discipline.orgs.total": 1,
    "education.resolution_study.classes": 169,
    "education.resolution_study.participants": 36403,
    "education.thematic.classes": 86,
    "education.thematic.participants": 18377,
    "education.party_awareness.classes": 14,
    "education.party_awareness.participants": 808,
    "education.new_member.classes": 6,
    "education.new_member.participants": 189,
    "dialogues.sessions": 126,
    "dialogues.cases": 1635,
    "documents.concretized.total": 45,
    "documents.concretized.program": 2,
    "documents.concretized.regulation": 9,
    "documents.concretized.decision": 4,
    "documents.concretized.conclusion": 2,
    "documents.concretized.plan": 20,
    "documents.concretized.project": 8,
    "documents.reviews": 40,
    "awards.orgs": 52,
    "awards.members": 410,
    "cadre.personnel": 240,
    "cadre.training": 2900,
    "cadre.planning": 600,
    "cadre.confidence_vote": 350,
    "own.documents.concretized.total": 20,
    "own.documents.concretized.program": 1,
    "own.documents.concretized.regulation": 7,
    "own.documents.concretized.decision": 1,
    "own.documents.concretized.conclusion": 1,
    "own.documents.concretized.plan": 7,
    "own.documents.concretized.project": 3,
    "own.documents.reviews": 21,
    "own.cadre.personnel": 69,
    "own.cadre.training": 1363,
    "own.inspection.orgs": 40,
    "own.inspection.members": 25,
    "own.education.resolution_study.classes": 12,
    "coverage.communes": 109,
    "coverage.communes_with_committee": 109,
    "coverage.communes_with_committee_pct": 100.0,
    "coverage.villages": 820,
    "coverage.villages_with_cell": 815,
    "coverage.villages_with_cell_pct": 99.39,
    "coverage.localities_without_org": 2,
}

ST_2022 = {
    "members.total": 47389,
    "admissions.total": 1966,
    "admissions.target": 1900,
    "admissions.target_pct": 103.47,
    "inspection.orgs": 330,
    "inspection.members": 170,
    "discipline.members.total": 50,
    "discipline.orgs.total": 0,
    "dialogues.sessions": 110,
    "orgs.grassroots": 650,
}

CHILDREN = [
    ("MX", "Đảng bộ huyện Mỹ Xuyên", "upper", 5210),
    ("VC", "Đảng bộ thị xã Vĩnh Châu", "upper", 4100),
    ("TP", "Đảng bộ thành phố Sóc Trăng", "upper", 6020),
    ("KCQ", "Đảng bộ Khối cơ quan và doanh nghiệp tỉnh", "upper", 7300),
]


def full(values: dict) -> dict:
    """Every key of indicators.keys present: given values, 0 elsewhere (None for unset nullable keys)."""
    result = {key: (None if key in NULLABLE_KEYS else 0) for key in KEYS}
    result.update(values)
    return result


def sample_data(indicators: dict | None = None, previous: dict | None = None, **extra) -> dict:
    data = {
        "org": {"id": 1, "code": "ST", "name": "Đảng bộ tỉnh Sóc Trăng", "kind": "provincial"},
        "period": {"from": "2023-01-01", "to": "2023-12-31"},
        "indicators": full(ST_2023 if indicators is None else indicators),
        "previous": {
            "period": {"from": "2022-01-01", "to": "2022-12-31"},
            "indicators": full(ST_2022 if previous is None else previous),
        },
        "annex": [
            {
                "org": {"id": 10 + i, "code": code, "name": name, "kind": kind},
                "indicators": full(
                    {"members.total": total, "admissions.total": total // 24, "admissions.target_pct": 98.5 + i}
                ),
            }
            for i, (code, name, kind, total) in enumerate(CHILDREN)
        ],
        "series": {
            "years": [
                {"year": 2019, "members": 44500, "admissions": 1850, "target": 1800},
                {"year": 2020, "members": 45300, "admissions": 1902, "target": 1850},
                {"year": 2021, "members": 46200, "admissions": 1940, "target": 1900},
                {"year": 2022, "members": 47389, "admissions": 1966, "target": 1900},
                {"year": 2023, "members": 48879, "admissions": 2051, "target": 2050},
            ],
            "age": {
                "upto_30": {"male": 4100, "female": 3320},
                "31_40": {"male": 9100, "female": 4880},
                "41_50": {"male": 8400, "female": 3710},
                "51_60": {"male": 6500, "female": 2550},
                "61_70": {"male": 3100, "female": 1210},
                "over_70": {"male": 1677, "female": 332},
            },
            "ratings": {
                "members": {"excellent": 6800, "good": 37000, "complete": 4100, "incomplete": 180},
                "grassroots": {"excellent": 110, "good": 450, "complete": 80, "incomplete": 4},
            },
        },
        "limitations": {
            "cells_below_3": [{"code": f"C{i}", "name": f"Chi bộ ấp {i}", "official": 2} for i in range(1, 8)],
            "probation_overdue": 5,
            "localities_without_org": [
                {"code": "DN1", "name": "Công ty TNHH Thủy sản Phú Lộc", "kind": "enterprise"},
                {"code": "DN2", "name": "Công ty Cổ phần Mía đường", "kind": "enterprise"},
            ],
        },
    }
    data.update(extra)
    return copy.deepcopy(data)
