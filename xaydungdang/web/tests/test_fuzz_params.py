"""No query parameter makes a 500 (issue 9, L1 and item 6): every list-like page and API list of
the project, each parameter it reads, hostile values (negative, huge, non-numeric, empty, unicode,
NUL, very long, impossible dates, years 1 and 9999, repeated parameters), for staff, a secretary and
an administrator.

The URL names come from django.urls.get_resolver(), like accounts/tests/test_scope_proof.py: a new
URL must be put in LISTS (with the parameters it reads) or in NOT_LISTS, or the first test fails.
"""

import random
from urllib.parse import quote

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaydungdang.accounts.tests.test_scope_proof import all_url_names
from xaydungdang.core.generic import activities
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

MEMBER_FILTERS = ["q", "to_chuc", "state", "status", "gender", "dan_toc", "tuoi", "occupation", "political_theory"]
REPORT = {"to_chuc": "{org}", "kind": "annual", "tu": "01/01/2023", "den": "31/12/2023"}
FORMS = {"to_chuc": "{org}", "nam": "2023", "ky": "", "bieu": "1"}
FIGURE = FORMS | {"bieu_so": "1", "dong": "D", "cot": "current"}
AUDIT = ["nguoi_dung", "to_chuc", "dang_vien", "thao_tac", "tu_ngay", "den_ngay", "trang"]

V1_PERIOD = {"org": "{org}", "from": "2023-01-01", "to": "2023-12-31"}
# name -> (URL arguments, valid values of the other parameters, the parameters the view reads).
# "{org}" is the user's own organization, "{member}" a member the user may see.
LISTS = {
    "web:org_tree": ([], {}, ["ngay", "on", "q", "goc"]),
    "web:org_detail": (["{org}"], {}, ["nam"]),
    "web:org_found": ([], {}, ["cap_tren"]),
    "web:org_pick": ([], {"q": "mot"}, ["q"]),
    "web:member_pick": ([], {"q": "an"}, ["q", "quyen"]),
    "web:member_list": ([], {"to_chuc": "{org}"}, MEMBER_FILTERS + ["page", "sort"]),
    "web:member_export": ([], {"to_chuc": "{org}"}, MEMBER_FILTERS),
    "web:member_admit": ([], {}, ["chi_bo"]),
    "web:member_transfer_in": ([], {}, ["chi_bo"]),
    "web:activity_index": ([], {}, ["to_chuc"]),
    # Each activity list reads its filterset's parameters (core/generic.py and the app's filtersets.py).
    **{
        f"web:activity_list/{a.slug}": (
            [a.slug],
            {"to_chuc": "{org}", "nam": "2023"},
            [*a.filterset.base_filters, "page", "sort"],
        )
        for a in activities()
    },
    **{
        f"web:activity_export/{a.slug}": (
            [a.slug],
            {"to_chuc": "{org}", "nam": "2023"},
            [*a.filterset.base_filters, "sort"],
        )
        for a in activities()
    },
    "web:alerts": ([], {"danh_sach": "du-bi"}, ["to_chuc", "danh_sach", "page", "sort", "xuat"]),
    "web:deadlines": ([], {}, ["to_chuc", "loai", "xuat"]),  # the reminders page (alerts/deadline_views.py)
    "web:days_off": ([], {}, ["nam"]),  # the working-day calendar (core/calendar_views.py)
    "web:data_campaign": ([], {}, ["to_chuc", "don_vi", "loai", "xuat"]),  # indicators/views.py
    "web:rating_round": (["C1"], {}, ["nam", "ky", "ky_khac"]),  # a cell's round of ratings (reviews/views.py)
    "web:rating_round_import": (["C1"], {}, ["ky", "mau"]),  # a round from XLSX: the template, the upload page
    "web:rating_quality_xlsx": (["C1"], {"ky": "2024"}, ["ky", "ky_khac", "nam"]),  # the quality forms (XLSX)
    "web:dues_ledger": (["{org}"], {"thang": "2026-03"}, ["thang"]),  # a unit's dues for a month (dues/views.py)
    "web:dues_report": (["{org}"], {"nam": "2026"}, ["nam"]),  # the yearly dues report (XLSX)
    # Candidates (admissions/views.py): a cell's list of quần chúng ưu tú.
    "web:cell_candidates": (["C1"], {}, ["q", "stage", "admitted", "page", "sort"]),
    # Transfers (transfers/views.py): both sides' lists, the start form, the register (XLSX/DOCX).
    "web:transfer_index": ([], {}, ["to_chuc"]),
    "web:transfer_start": ([], {}, ["dang_vien"]),
    "web:transfer_register": ([], {"to_chuc": "{org}", "nam": "2026"}, ["to_chuc", "nam", "dinh_dang"]),
    # Badges and cards (badges/views.py): the unit box, a round's list and its downloads, the 2025 exchange.
    "web:badge_index": ([], {}, ["to_chuc"]),
    "web:badge_round": (["{org}"], {"dot": "2026-09-02"}, ["dot"]),
    "web:badge_download": (["{org}", "xlsx"], {"dot": "2026-09-02"}, ["dot"]),
    "web:reports": ([], REPORT, list(REPORT)),
    "web:report_download": (["json"], REPORT, list(REPORT)),
    "web:forms": ([], FORMS, list(FORMS)),
    "web:forms_download": (["xlsx"], FORMS, list(FORMS)),
    "web:forms_behind": ([], FIGURE, [*FIGURE, "xuat", "page", "sort"]),
    "web:forms_reconcile": ([], FORMS, list(FORMS)),
    "accounts:audit": ([], {"to_chuc": "{org}", "tu_ngay": "01/01/2020"}, AUDIT + ["sort"]),
    "accounts:audit-export": ([], {"to_chuc": "{org}", "dinh_dang": "csv"}, AUDIT + ["dinh_dang"]),
    "accounts:users": ([], {}, ["q", "trang", "sort", "xuat"]),
    "web:api_orgs": ([], {}, ["date"]),
    "web:api_org_indicators": (["{org}"], {"from": "2023-01-01", "to": "2023-12-31"}, ["from", "to"]),
    "web:api_members": ([], {"to_chuc": "{org}"}, MEMBER_FILTERS + ["page", "page_size"]),
    "web:api_events": ([], {"from": "2020-01-01"}, ["type", "member_no", "from", "to", "page", "page_size"]),
    "web:api_member_events": (["{member}"], {}, ["page", "page_size"]),
    # API v1 (docs/api.md)
    "web:v1-organization-list": ([], {}, ["on", "page", "page_size"]),
    "web:v1-member-list": ([], {"to_chuc": "{org}"}, MEMBER_FILTERS + ["page", "page_size"]),
    "web:v1-event-list": ([], {"from": "2020-01-01"}, ["type", "member_no", "from", "to", "page", "page_size"]),
    "web:v1-member-change-list": ([], {}, ["from", "to", "page", "page_size"]),
    "web:v1-indicators-list": ([], V1_PERIOD, [*V1_PERIOD, "kind"]),
    "web:v1-forms-list": ([], {"org": "{org}", "period": "2023", "form": "1"}, ["org", "period", "form", "format"]),
    "web:v1-reports-list": ([], V1_PERIOD | {"format": "json"}, [*V1_PERIOD, "kind", "format"]),
    "web:v1-alerts-list": ([], {}, ["org", "list"]),
    "web:v1-import-list": ([], {}, ["page", "page_size"]),
    "web:api-v1-changes": ([], {}, ["since", "limit"]),  # the change feed (interchange/changes_api.py)
    **{
        f"web:v1-activity-{a.slug}-list": (
            [],
            {"to_chuc": "{org}", "nam": "2023"},
            [*a.filterset.base_filters, "page", "page_size"],
        )
        # Two tables stand for all: one generic viewset (core/generic_api.py) over the filtersets
        # fuzzed above through the pages.
        for a in activities()
        if a.slug in ("lop-hoc", "ky-luat")
    },
}
# Pages that read no query parameter (forms, single objects, actions on one's own account).
NOT_LISTS = {
    "web:home",
    # The report workspace (reports/workspace_views.py): single drafts and requests, forms, downloads.
    "web:report_workspace",
    "web:report_draft_open",
    "web:report_draft",
    "web:report_draft_issue",
    "web:report_draft_reopen",
    "web:report_draft_submit",
    "web:report_draft_download",
    "web:report_request_send",
    "web:report_request",
    "web:report_request_pull",
    "web:dues_index",  # a code box redirecting to web:dues_ledger
    "web:dues_import",  # an upload form
    "web:dues_member_base",  # a form
    "web:candidate_new",  # a form
    "web:candidate_detail",  # one candidate
    "web:candidate_step",  # a step's form
    "web:candidate_void_step",  # the void form
    "web:candidate_document",  # one paper (DOCX)
    "web:transfer_detail",  # one transfer
    "web:transfer_step",  # a step's form
    "web:transfer_letter",  # one letter (DOCX)
    "web:card_exchange",  # a unit's 2025 card exchange (a form, no query parameter)
    "web:transfer_describe",  # a form for one event
    "web:login",
    "web:logout",
    "web:org_update",
    "web:org_move",
    "web:org_merge",
    "web:org_dissolve",
    "web:member_detail",
    "web:member_edit",
    "web:member_show_id",
    "web:member_event",
    "web:event_void",
    "web:member_change",
    "web:member_change_void",
    "web:activity_new",
    "web:activity_void",
    "web:import_start",
    "web:import_job",
    "web:import_status",
    "web:import_confirm",
    "web:import_cancel",
    "web:import_errors",  # one check's errors as a workbook
    "web:import_template",  # a template workbook named in the path
    "web:export_dataset",
    "web:api_org",
    "web:api_member",
    "accounts:index",
    "accounts:user-create",
    "accounts:user",
    "accounts:user-grant",
    "accounts:user-revoke",
    "accounts:user-password",
    "accounts:user-active",
    "accounts:user-reset-2fa",
    "accounts:security",
    "accounts:digest",  # one's opt-in to the deadlines digest (a form)
    "accounts:password",
    "accounts:otp-enrol",
    "accounts:otp-remove",
    "accounts:otp-verify",
    # API v1: the schema, its page, one object or an action on one (docs/api.md)
    "accounts:api-tokens",
    "accounts:api-token-revoke",
    "web:api-v1-schema",
    "web:api-v1-docs",
    "web:v1-organization-detail",
    "web:v1-member-detail",
    "web:v1-member-timeline",
    "web:v1-member-changes",
    "web:v1-event-detail",
    "web:v1-event-void",
    "web:v1-member-change-detail",
    "web:v1-member-change-void",
    "web:v1-import-detail",
    "web:v1-import-commit",
    "web:v1-import-cancel",
    *(f"web:v1-activity-{a.slug}-{what}" for a in activities() for what in ("detail", "void")),
    *(f"web:v1-activity-{a.slug}-list" for a in activities() if a.slug not in ("lop-hoc", "ky-luat")),
}
HOSTILE = [
    "-1",
    "0",
    "-0",
    "10000",
    "99999999999",
    "9" * 40,
    "1e9",
    "1.5",
    "NaN",
    "abc",
    "",
    " ",
    "đảng viên",
    "\u202e\u200b",
    "٣",
    "²",  # a digit to str.isdigit() that int() refuses
    "2024.².1",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "9" * 5000,
    "31/02/2023",
    "2023-02-31",
    "0001-01-01",
    "9999-12-31",
    "01/01/0001",
    "31/12/9999",
    "00/00/0000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
]
WHO = {"admin": ("P", "an"), "staff_u1": ("U1", "an"), "secretary_c1": ("C1", "an")}


def _fill(value, org: str, member: int) -> str:
    return str(value).replace("{org}", org).replace("{member}", str(member))


def _url(key: str, org: str, member: int) -> str:
    args = [_fill(a, org, member) for a in LISTS[key][0]]
    return reverse(key.split("/")[0], args=args)


def _query(key: str, param: str, values, org: str, member: int, raw: str = "") -> str:
    """The query string: the valid values of the other parameters, then `param` once per value."""
    base = {k: _fill(v, org, member) for k, v in LISTS[key][1].items() if k != param}
    pairs = [f"{quote(k)}={quote(v)}" for k, v in base.items()] + [f"{quote(param)}={quote(v)}" for v in values]
    return "&".join(pairs + ([f"{quote(param)}={raw}"] if raw else []))


def _get(client, key: str, query: str, org: str, member: int):
    """One request in a savepoint: on PostgreSQL a failed statement would spoil the test's
    transaction and hide every later case."""
    mark = transaction.savepoint()
    response = client.get(_url(key, org, member), QUERY_STRING=query)
    if response.status_code >= 500:
        transaction.savepoint_rollback(mark)
    else:
        transaction.savepoint_commit(mark)
    return response


def test_every_url_is_known_as_a_list_or_not():
    lists = {k.split("/")[0] for k in LISTS}
    unknown = sorted(all_url_names() - lists - NOT_LISTS)
    assert not unknown, f"new URLs: add them to LISTS (with their query parameters) or NOT_LISTS in {__file__}"


@pytest.fixture
def fuzz_client(client, users, people):
    client.raise_request_exception = False  # collect every 500, not only the first

    def login(who):
        client.force_login(users[who])
        org, member = WHO[who]
        return client, org, people[member].pk

    return login


def _cases():
    """Every (list, parameter, value) once; repeated parameters and undecodable bytes too."""
    for key, (_args, _base, params) in LISTS.items():
        for param in params:
            for value in HOSTILE:
                yield key, param, [value], ""
            yield key, param, ["1", "abc"], ""
            yield key, param, ["-1", "99999999999", "0001-01-01"], ""
            yield key, param, [], "%FF%FE%00"


@pytest.mark.slow
@pytest.mark.parametrize("who", list(WHO))
def test_no_query_parameter_makes_a_500(fuzz_client, who):
    """The whole table (about 3.500 requests, a minute): the cases shared out so each user runs a
    third of them and every case runs for one user (shuffled with a fixed seed: the same every run)."""
    cases = list(_cases())
    random.Random(9).shuffle(cases)
    mine = cases[list(WHO).index(who) :: len(WHO)]
    client, org, member = fuzz_client(who)
    failures = []
    for key, param, values, raw in mine:
        query = _query(key, param, values, org, member, raw)
        response = _get(client, key, query, org, member)
        if response.status_code >= 500:
            failures.append(f"{who} {_url(key, org, member)}?{query[:200]} → HTTP {response.status_code}")
    assert not failures, "\n".join(failures[:40])


TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.integers().map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates().map(str),
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(key=st.sampled_from(sorted(LISTS)), who=st.sampled_from(sorted(WHO)), data=st.data())
def test_random_parameters_make_no_500(fuzz_client, key, who, data):
    """A bounded sample of the table above, with several parameters hostile at once and values
    hypothesis makes up (a few seconds; the same sample every run)."""
    params = LISTS[key][2]
    chosen = data.draw(st.lists(st.sampled_from(params), min_size=1, max_size=min(3, len(params)), unique=True))
    client, org, member = fuzz_client(who)
    base = {k: _fill(v, org, member) for k, v in LISTS[key][1].items() if k not in chosen}
    pairs = list(base.items()) + [(p, v) for p in chosen for v in data.draw(st.lists(TEXT, min_size=1, max_size=2))]
    query = "&".join(f"{quote(p)}={quote(v, errors='replace')}" for p, v in pairs)
    response = _get(client, key, query, org, member)
    assert response.status_code < 500, f"{who} {_url(key, org, member)}?{query[:300]}"


# The cases of issue 9, L1, one by one.


@pytest.mark.parametrize("who", list(WHO))
def test_impossible_year_on_every_activity_list_is_a_warning(fuzz_client, who):
    client, org, _member = fuzz_client(who)
    for activity in activities():
        url = reverse("web:activity_list", args=[activity.slug])
        for year in ("-1", "10000", "99999999999"):
            response = client.get(url, {"nam": year})
            assert response.status_code == 200, (url, year)
            assert (
                f"Năm “{year}” không hợp lệ (cần một số từ 1930 đến 2200); đã bỏ qua giá trị này."
                in response.content.decode()
            ), (url, year)
        page = client.get(url, {"nam": "2023"}).content.decode()
        assert "không hợp lệ" not in page


def test_indicators_with_dates_out_of_range_answer_400_naming_the_parameter(fuzz_client):
    client, org, _member = fuzz_client("admin")
    url = reverse("web:api_org_indicators", args=[org])
    response = client.get(url, {"from": "0001-01-01"})
    assert response.status_code == 400
    assert response.json() == {
        "from": 'Ngày "0001-01-01" (tham số from) nằm ngoài khoảng cho phép: từ năm 1930 đến năm 2200.'
    }
    response = client.get(url, {"to": "9999-12-31"})
    assert response.status_code == 400 and "tham số to" in response.json()["to"]
    assert client.get(url, {"from": "2023-01-01", "to": "2023-12-31"}).status_code == 200


def test_nul_in_a_parameter_or_the_path_is_a_400_naming_it(fuzz_client):
    client, _org, _member = fuzz_client("staff_u1")
    response = client.get(reverse("web:org_tree"), QUERY_STRING="goc=a%00b")
    assert response.status_code == 400 and "Tham số “goc” chứa ký tự NUL" in response.content.decode()
    response = client.get(reverse("web:api_events"), QUERY_STRING="type=%00")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "type"
    assert client.get("/to-chuc/U1%00/").status_code == 400
