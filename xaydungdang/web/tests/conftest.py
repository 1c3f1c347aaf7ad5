"""Web test fixtures: the small dated tree, a few members built through the actions, and one
user per role and subtree."""

import datetime as dt

import pytest

from xaydungdang.conftest import person

D = dt.date


@pytest.fixture
def people(tree):
    """Members of C1 (three), C2 (one) and GC (two), built through the actions."""
    from xaydungdang.members import actions

    made = {
        "an": actions.enter_member(
            person("M001", "Nguyễn Văn An", national_id="012345678901"),
            entry="opening",
            cell=tree["C1"],
            on=D(2016, 1, 1),
        ),
        "binh": actions.enter_member(
            person("M002", "Đặng Thị Bình", gender="female", birth_date=D(1985, 2, 3)),
            entry="opening",
            cell=tree["C1"],
            on=D(2016, 1, 1),
        ),
        "chau": actions.enter_member(
            person("M003", "Trần Minh Châu", joined_on=D(2018, 3, 1), official_on=D(2019, 3, 1)),
            entry="opening",
            cell=tree["C1"],
            on=D(2019, 3, 1),
        ),
        "dung": actions.enter_member(
            person("M004", "Lê Văn Dũng", ethnicity="Khmer"), entry="opening", cell=tree["C2"], on=D(2016, 1, 1)
        ),
        "em": actions.enter_member(
            person("M005", "Phạm Thị Em", gender="female"), entry="opening", cell=tree["GC"], on=D(2016, 1, 1)
        ),
        "giang": actions.enter_member(
            person("M006", "Hoàng Giang", joined_on=D(2020, 5, 1), official_on=D(2021, 5, 1)),
            entry="opening",
            cell=tree["GC"],
            on=D(2021, 5, 1),
        ),
    }
    return made


PASSWORD = "Mat-khau-rat-dai-2024!"


def _user(username, org, role):
    from django.contrib.auth import get_user_model

    from xaydungdang.accounts.actions import create_user

    if org is None:
        return get_user_model().objects.create_user(username, password=PASSWORD)
    return create_user(username, org, role, PASSWORD, validate_password=False)


@pytest.fixture
def users(tree):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    return {
        "admin": admin,
        "staff_p": _user("canbo_tinh", tree["P"], "staff"),
        "staff_u1": _user("canbo_u1", tree["U1"], "staff"),
        "staff_u2": _user("canbo_u2", tree["U2"], "staff"),
        "secretary_c1": _user("bithu_c1", tree["C1"], "secretary"),
        "viewer_u1": _user("xem_u1", tree["U1"], "viewer"),
        "nobody": _user("chua_phan_quyen", None, None),
    }


@pytest.fixture
def client_for(client, users):
    def login(name):
        client.force_login(users[name])
        return client

    return login


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Seven users per test: a fast hasher keeps the suite quick (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
