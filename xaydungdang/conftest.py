"""Fixtures: a small dated tree and helpers to build members through the actions."""

import datetime as dt

import pytest

from xaydungdang.core.context import Actor, acting_as

D = dt.date


@pytest.fixture(autouse=True)
def _system_actor():
    with acting_as(Actor(via="test")):
        yield


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The working-day calendar is cached per process (core/workdays.py); a test's DayOff rows are
    rolled back without a signal, so every test starts from a cold cache."""
    from xaydungdang.core import workdays

    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def tree(db):
    """P (province) > U1, U2 (upper) > G1 committee (under U1) > C1, C2 cells; GC grassroots cell under U2."""
    from xaydungdang.organizations import actions as org

    P = org.found("P", "Đảng bộ tỉnh Thử", "provincial", None, D(2015, 1, 1))
    U1 = org.found("U1", "Đảng bộ huyện Một", "upper", P, D(2015, 1, 1))
    U2 = org.found("U2", "Đảng bộ huyện Hai", "upper", P, D(2015, 1, 1))
    G1 = org.found("G1", "Đảng bộ xã Một", "grassroots_committee", U1, D(2015, 1, 1))
    C1 = org.found("C1", "Chi bộ ấp Một", "cell", G1, D(2015, 1, 1))
    C2 = org.found("C2", "Chi bộ ấp Hai", "cell", G1, D(2015, 1, 1))
    GC = org.found("GC", "Chi bộ Trường Tiểu học", "grassroots_cell", U2, D(2015, 1, 1))
    return {o.code: o for o in (P, U1, U2, G1, C1, C2, GC)}


def person(no: str, name: str = "Nguyễn Văn An", **extra) -> dict:
    data = {
        "member_no": no,
        "full_name": name,
        "gender": "male",
        "birth_date": D(1990, 5, 17),
        "ethnicity": "Kinh",
        "joined_on": D(2016, 1, 1),
    }
    data.update(extra)
    return data
