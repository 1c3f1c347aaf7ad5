"""Scope proof: every URL of the project is listed here with how it is reached for an object
outside the user's subtree; the test fails on any URL name it does not know, so a new view
cannot ship without saying how it passes through accounts.scope.

The outsiders are users of the U1 subtree (staff, secretary of C1, viewer); the foreign data
is in U2 (cell GC: members M005 Phạm Thị Em, M006 Hoàng Giang).
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from xaydungdang.web.tests.conftest import PASSWORD, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

FOREIGN_MARKERS = ["Phạm Thị Em", "Hoàng Giang", "M005", "M006", "Chi bộ Trường Tiểu học", "Đảng bộ huyện Hai"]
OUTSIDERS = ["staff_u1", "secretary_c1", "viewer_u1"]
DENIED = (403, 404, 405)  # 405: the method is refused before any data is read


def all_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)
    walk(get_resolver().url_patterns, "")
    return names


@pytest.fixture
def foreign(people, users, tree):
    """Records in U2's subtree that U1 users must never reach."""
    from xaydungdang.activities import actions as activity_actions
    from xaydungdang.activities.models import ClassKind, TrainingClass
    from xaydungdang.inspections import actions as inspection_actions
    from xaydungdang.members import actions
    from xaydungdang.interchange.models import ImportJob

    em = people["em"]
    event = actions.record_event(em, "away_started", dt.date(2022, 3, 1))
    klass = TrainingClass.objects.create(org=tree["GC"], kind=ClassKind.values[0], title="Lớp của GC",
                                         started_on=dt.date(2023, 1, 5), participants=12)
    # Records about Em and GC in other activity tables, so that every list and export is probed on data.
    em_subject = {"subject_type": "member", "subject_member_id": em.id, "subject_org_id": None}
    inspection_actions.record_discipline({"decided_by_id": tree["U2"].id, "level": "reprimand",
                                          "decided_on": dt.date(2023, 3, 1), "reason": ""} | em_subject)
    inspection_actions.record_inspection({"org_id": tree["U2"].id, "kind": "inspection",
                                          "started_on": dt.date(2023, 3, 1), "concluded_on": None, "violation": None,
                                          "note": ""} | em_subject)
    activity_actions.record_award({"granted_by_id": tree["GC"].id, "award": "commendation",
                                   "granted_on": dt.date(2023, 3, 1), "reason": ""} | em_subject)
    activity_actions.record_dialogue({"org_id": tree["GC"].id, "held_on": dt.date(2023, 3, 1), "host": "",
                                      "cases": 2})
    job = ImportJob.objects.create(user=users["staff_u2"], filename="gc.xlsx", path="/nonexistent", size=1,
                                   dry_run=True)
    grant = users["staff_u2"].role_grants.first()
    return {"member": em, "event": event, "class": klass, "job": job, "user": users["staff_u2"], "grant": grant}


# How each URL is probed: a list of (method, url, data, rule) where rule is "denied" (403/404,
# nothing foreign in the body), "clean" (any non-5xx answer, nothing foreign in the body) or
# "self" (pages about one's own account: no object argument to aim elsewhere).
def _activity(slug, f):
    return [("GET", reverse("web:activity_list", args=[slug]) + "?to_chuc=GC&org=GC", None, "clean"),
            ("POST", reverse("web:activity_void", args=[slug, f["class"].pk]), {"reason": "x"}, "denied")]


def _activity_reads(name):
    """Every activity table's list (or export), unfiltered and filtered by a foreign organization."""
    from xaydungdang.core.generic import activities

    return [("GET", reverse(name, args=[a.slug]) + query, None, "clean")
            for a in activities() for query in ("", "?to_chuc=GC", "?to_chuc=U2&trang_thai=con")]


PROBES = {
    "web:home": lambda f: [("GET", reverse("web:home"), None, "clean")],
    "web:login": lambda f: [("GET", reverse("web:login"), None, "self")],
    "web:logout": lambda f: [],  # ends one's own session only
    "web:org_tree": lambda f: [("GET", reverse("web:org_tree") + "?to_chuc=GC&org=GC", None, "clean")],
    "web:org_found": lambda f: [("POST", reverse("web:org_found"),
                                 {"code": "X9", "name": "Chi bộ lạ", "kind": "cell", "parent": "GC",
                                  "established_on": "01/01/2024"}, "clean")],
    "web:org_detail": lambda f: [("GET", reverse("web:org_detail", args=["GC"]), None, "denied"),
                                 ("GET", reverse("web:org_detail", args=["U2"]), None, "denied")],
    "web:org_update": lambda f: [("GET", reverse("web:org_update", args=["GC"]), None, "denied"),
                                 ("POST", reverse("web:org_update", args=["GC"]), {"name": "Đổi tên"}, "denied")],
    "web:org_move": lambda f: [("POST", reverse("web:org_move", args=["GC"]), {"new_parent": "U1"}, "denied")],
    "web:org_merge": lambda f: [("POST", reverse("web:org_merge", args=["GC"]), {"into": "C1"}, "denied")],
    "web:org_dissolve": lambda f: [("POST", reverse("web:org_dissolve", args=["GC"]), {"on": "01/01/2024"},
                                    "denied")],
    "web:member_list": lambda f: [("GET", reverse("web:member_list") + "?q=Em&to_chuc=GC&org=GC", None, "clean"),
                                  ("GET", reverse("web:member_list") + "?q=M005", None, "clean")],
    "web:member_export": lambda f: [("GET", reverse("web:member_export") + "?to_chuc=GC&org=GC", None, "clean")],
    "web:member_admit": lambda f: [("POST", reverse("web:member_admit"),
                                    {"org": f["member"].current_cell_id, "on": "01/02/2024", "member_no": "X1",
                                     "full_name": "Người Lạ", "gender": "male", "birth_date": "01/01/1990"}, "clean")],
    "web:member_transfer_in": lambda f: [("POST", reverse("web:member_transfer_in"),
                                          {"org": f["member"].current_cell_id, "on": "01/02/2024", "member_no": "X2",
                                           "full_name": "Người Lạ", "gender": "male", "birth_date": "01/01/1990"},
                                          "clean")],
    "web:member_detail": lambda f: [("GET", reverse("web:member_detail", args=[f["member"].pk]), None, "denied")],
    "web:member_edit": lambda f: [("GET", reverse("web:member_edit", args=[f["member"].pk]), None, "denied"),
                                  ("POST", reverse("web:member_edit", args=[f["member"].pk]),
                                   {"full_name": "Sửa trộm", "version": f["member"].version}, "denied")],
    "web:member_show_id": lambda f: [("GET", reverse("web:member_show_id", args=[f["member"].pk]), None, "denied"),
                                     ("POST", reverse("web:member_show_id", args=[f["member"].pk]), {}, "denied")],
    "web:member_event": lambda f: [("POST", reverse("web:member_event", args=[f["member"].pk, "tro-ve"]),
                                    {"on": "01/04/2022"}, "denied")],
    "web:event_void": lambda f: [("POST", reverse("web:event_void", args=[f["event"].pk]),
                                  {"reason": "xóa trộm", "version": 1}, "denied")],
    "web:activity_index": lambda f: [("GET", reverse("web:activity_index") + "?to_chuc=GC", None, "clean")],
    "web:activity_list": lambda f: _activity_reads("web:activity_list"),
    # A workbook: _body reads its cells, so a foreign record in an export is seen like one on a page.
    "web:activity_export": lambda f: _activity_reads("web:activity_export"),
    "web:activity_new": lambda f: [("POST", reverse("web:activity_new", args=["lop-hoc"]),
                                    {"org": f["member"].current_cell_id, "kind": "thematic",
                                     "started_on": "01/01/2024", "participants": "5"}, "clean")],
    "web:activity_void": lambda f: [p for p in _activity("lop-hoc", f)][1:],
    "web:alerts": lambda f: [("GET", reverse("web:alerts") + "?to_chuc=GC&org=GC", None, "clean")],
    "web:reports": lambda f: [("GET", reverse("web:reports") + "?to_chuc=GC&org=GC", None, "clean")],
    "web:report_download": lambda f: [
        ("GET", reverse("web:report_download", args=[fmt]) + "?org=GC&to_chuc=GC&from=01/01/2020&to=31/12/2023",
         None, "clean") for fmt in ("json", "xlsx", "html")],
    "web:import_start": lambda f: [("GET", reverse("web:import_start"), None, "clean")],
    "web:import_job": lambda f: [("GET", reverse("web:import_job", args=[f["job"].pk]), None, "denied")],
    "web:import_status": lambda f: [("GET", reverse("web:import_status", args=[f["job"].pk]), None, "denied")],
    "web:import_confirm": lambda f: [("POST", reverse("web:import_confirm", args=[f["job"].pk]), {}, "denied")],
    "web:import_cancel": lambda f: [("POST", reverse("web:import_cancel", args=[f["job"].pk]), {}, "denied")],
    # A workbook (zipped XML): its cells are checked in web/tests/test_export_dataset.py.
    "web:export_dataset": lambda f: [("GET", reverse("web:export_dataset"), None, "clean")],
    "web:api_orgs": lambda f: [("GET", reverse("web:api_orgs"), None, "clean")],
    "web:api_org": lambda f: [("GET", reverse("web:api_org", args=["GC"]), None, "denied")],
    "web:api_org_indicators": lambda f: [("GET", reverse("web:api_org_indicators", args=["GC"]), None, "denied")],
    "web:api_members": lambda f: [("GET", reverse("web:api_members") + "?org=GC&q=Em", None, "clean")],
    "web:api_member": lambda f: [("GET", reverse("web:api_member", args=[f["member"].pk]), None, "denied")],
    "web:api_member_events": lambda f: [("GET", reverse("web:api_member_events", args=[f["member"].pk]), None,
                                         "denied")],
    "web:api_events": lambda f: [("GET", reverse("web:api_events") + "?org=GC", None, "clean")],
    "accounts:index": lambda f: [("GET", reverse("accounts:index"), None, "clean")],
    "accounts:audit": lambda f: [("GET", reverse("accounts:audit") + "?to_chuc=GC", None, "clean"),
                                 ("GET", reverse("accounts:audit") + "?dang_vien=M005", None, "clean"),
                                 ("GET", reverse("accounts:audit"), None, "clean")],
    "accounts:audit-export": lambda f: [("GET", reverse("accounts:audit-export") + "?dinh_dang=csv", None, "clean")],
    "accounts:users": lambda f: [("GET", reverse("accounts:users") + "?q=canbo_u2", None, "clean")],
    "accounts:user-create": lambda f: [("POST", reverse("accounts:user-create"),
                                        {"ten_dang_nhap": "la", "to_chuc": "GC", "vai_tro": "viewer",
                                         "mat_khau": "Mot-mat-khau-dai-1", "nhap_lai": "Mot-mat-khau-dai-1"}, "clean")],
    "accounts:user": lambda f: [("GET", reverse("accounts:user", args=[f["user"].pk]), None, "denied")],
    "accounts:user-grant": lambda f: [("POST", reverse("accounts:user-grant", args=[f["user"].pk]),
                                       {"to_chuc": "C1", "vai_tro": "viewer"}, "denied")],
    "accounts:user-revoke": lambda f: [("POST", reverse("accounts:user-revoke", args=[f["user"].pk, f["grant"].pk]),
                                        {}, "denied")],
    "accounts:user-password": lambda f: [("POST", reverse("accounts:user-password", args=[f["user"].pk]),
                                          {"mat_khau": "Mot-mat-khau-dai-1", "nhap_lai": "Mot-mat-khau-dai-1"},
                                          "denied")],
    "accounts:user-active": lambda f: [("POST", reverse("accounts:user-active", args=[f["user"].pk]),
                                        {"kich_hoat": "0"}, "denied")],
    "accounts:user-reset-2fa": lambda f: [("POST", reverse("accounts:user-reset-2fa", args=[f["user"].pk]), {},
                                           "denied")],
    "accounts:security": lambda f: [("GET", reverse("accounts:security"), None, "self")],
    "accounts:password": lambda f: [("GET", reverse("accounts:password"), None, "self")],
    "accounts:otp-enrol": lambda f: [("GET", reverse("accounts:otp-enrol"), None, "self")],
    "accounts:otp-remove": lambda f: [],  # acts on one's own device only
    "accounts:otp-verify": lambda f: [("GET", reverse("accounts:otp-verify"), None, "self")],
}


def test_every_url_has_a_scope_probe():
    unknown = sorted(all_url_names() - set(PROBES))
    assert not unknown, f"new URLs without a scope probe in {__file__}: {unknown}"


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        return _workbook_text(response.content)
    return response.content.decode("utf-8", "replace")


def _workbook_text(content: bytes) -> str:
    """Every cell of a workbook (an export), as text: checked for foreign records like a page."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nothing_outside_the_subtree_is_reachable(client, users, foreign, who):
    from xaydungdang.accounts.models import RoleGrant
    from xaydungdang.members.models import Member, MemberEvent
    from xaydungdang.organizations.models import Organization

    client.force_login(users[who])
    before = (MemberEvent.objects.count(), Member.objects.count(), Organization.objects.count(),
              RoleGrant.objects.count(), foreign["member"].version)
    failures = []
    for name in sorted(all_url_names()):
        for method, url, data, rule in PROBES[name](foreign):
            response = client.post(url, data or {}) if method == "POST" else client.get(url)
            body = _body(response)
            sent = f"{url} {data or ''}"
            # The user's own query echoed back (a search box, an error naming the typed code) is not a leak.
            leaked = [m for m in FOREIGN_MARKERS if m in body and m not in sent]
            if response.status_code >= 500:
                failures.append(f"{name} {method} {url}: HTTP {response.status_code}")
            elif rule == "denied" and response.status_code not in DENIED:
                failures.append(f"{name} {method} {url}: HTTP {response.status_code}, expected 403/404")
            if leaked:
                failures.append(f"{name} {method} {url}: shows {leaked}")
    foreign["member"].refresh_from_db()
    after = (MemberEvent.objects.count(), Member.objects.count(), Organization.objects.count(),
             RoleGrant.objects.count(), foreign["member"].version)
    assert not failures, "\n".join(failures)
    assert after == before, "a request from outside the subtree changed data"
    foreign["event"].refresh_from_db()
    assert not foreign["event"].is_voided
    foreign["user"].refresh_from_db()
    assert foreign["user"].is_active and foreign["user"].check_password(PASSWORD)
