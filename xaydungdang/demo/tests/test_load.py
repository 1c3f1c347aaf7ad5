"""`xdd demo` on a real database (SQLite by default, PostgreSQL with DATABASE_URL).

The demo is loaded once for this module, inside a transaction rolled back at the end, so the
rest of the test session still starts from an empty database.
"""

import datetime as dt
import io
import os

import pytest
from django.core.management import call_command
from django.db import transaction

from xaydungdang.accounts.models import RoleGrant
from xaydungdang.core.errors import DomainError
from xaydungdang.demo import plan
from xaydungdang.demo.loader import DEMO_USERS, PASSWORD_ENV
from xaydungdang.indicators.engine import compute

PASSWORD = "Thu-nghiem-du-lieu-mau-2023"
# The mark makes pytest-django create the test database; each test then runs in a savepoint
# inside the module's transaction.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # the demo province is loaded once: ~15 s


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    saved = os.environ.get(PASSWORD_ENV)
    os.environ[PASSWORD_ENV] = PASSWORD
    out = io.StringIO()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)
    finally:
        if saved is None:
            os.environ.pop(PASSWORD_ENV, None)
        else:
            os.environ[PASSWORD_ENV] = saved


def test_engine_states_the_2023_figures(loaded):
    v = compute("ST", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert v["members.total"] == 48_879
    assert (v["orgs.grassroots"], v["orgs.grassroots_committees"], v["orgs.grassroots_cells"]) == (644, 231, 413)
    assert (v["admissions.total"], v["admissions.target"], v["admissions.target_pct"]) == (2051, 2050, 100.05)
    assert (
        v["screening.listed"],
        v["screening.progressed"],
        v["screening.continued"],
        v["screening.removed"],
        v["screening.pending"],
    ) == (79, 37, 23, 19, 0)
    assert v["removals.abandoned_activities"] == 19
    assert v["own.documents.concretized.total"] == 20 and v["own.documents.reviews"] == 21
    assert [
        v[f"own.documents.concretized.{k}"]
        for k in ("program", "regulation", "decision", "conclusion", "plan", "project")
    ] == [1, 7, 1, 1, 7, 3]
    assert v["own.cadre.personnel"] == 69 and v["own.cadre.training"] == 1363
    assert v["orgs.cells_below_3_official"] > 0
    assert 84 < v["ratings.members.good_or_better_pct"] < 93


def test_engine_states_the_term_figures(loaded):
    v = compute("ST", plan.TERM_START, plan.TERM_REPORT_DAY)
    assert 6900 <= v["admissions.total"] <= 6999
    assert v["admissions.ethnic_minority"] > 1800
    assert 48_500 <= v["members.total"] < 49_000


def test_after_the_reorganization(loaded):
    v = compute("ST", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert v["orgs.direct_committees"] == 41  # 38 commune-level committees, Khối, Quân sự, Công an
    before = compute("ST.KS", dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert before["members.total"] > 2000 and before["orgs.grassroots_committees"] > 13
    commune = compute("ST.X03", dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert commune["members.total"] > 500 and commune["admissions.total"] > 0


def test_command_prints_the_figures_and_accounts(loaded):
    for text in (
        "48.879",
        "644 (231 đảng bộ cơ sở, 413 chi bộ cơ sở)",
        "2.051 đảng viên, chỉ tiêu 2.050, đạt 100,05%",
        "79 đảng viên; 37 được công nhận tiến bộ; 23 tiếp tục giáo dục, giúp đỡ; 19 đưa ra khỏi Đảng",
        "mật khẩu theo biến môi trường XDD_PASSWORD",
    ):
        assert text in loaded
    assert PASSWORD not in loaded


def test_demo_users_have_their_roles(loaded):
    for username, role, code, _name in DEMO_USERS:
        grant = RoleGrant.objects.get(user__username=username)
        assert (grant.role, grant.org.code) == (role, code)
        assert grant.user.check_password(PASSWORD)


def test_second_load_is_refused(loaded):
    with pytest.raises(DomainError, match="đã có Đảng bộ tỉnh Sóc Trăng"):
        call_command("demo", stdout=io.StringIO())


def test_xdd_demo_exits_1_on_a_loaded_database(loaded, capsys):
    from xaydungdang.cli import main

    assert main(["demo"]) == 1
    assert "đã có Đảng bộ tỉnh Sóc Trăng (mã ST)" in capsys.readouterr().err


def test_data_health_check_finds_no_errors(loaded):
    out, err = io.StringIO(), io.StringIO()
    call_command("datacheck", stdout=out, stderr=err)  # raises CommandError on any error
    assert out.getvalue() == "" and "không có lỗi" in err.getvalue()
