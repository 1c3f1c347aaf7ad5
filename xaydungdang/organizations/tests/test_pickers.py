"""Organization pickers (issue 12 item 2): the stored Vietnamese sort key, the path above each
organization, the search by name without accents, the default unit, breadcrumbs."""

import datetime as dt
import re

import pytest

from xaydungdang.core.context import Actor, acting_as
from xaydungdang.core.forms import OrgChoiceField, StyledForm
from xaydungdang.organizations import actions as org_actions
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization, org_sort_key

D = dt.date

# The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
VIETNAMESE_ORDER = [
    "Đảng bộ xã An Hiệp",
    "Đảng bộ xã Ba Trinh",
    "Đảng bộ xã Dương Kỳ",
    "Đảng bộ xã Đại Ngãi",
    "Đảng bộ xã Gia Hòa",
    "Đảng bộ xã Lâm Tân",
    "Đảng bộ xã Long Phú",
    "Đảng bộ xã Ơn Cần",
    "Đảng bộ xã Phú Tâm",
]


@pytest.fixture
def communes(tree):
    """Nine communes under U2 created out of order, one cell each named alike ("Chi bộ ấp 1")."""
    made = {}
    for index, name in enumerate(reversed(VIETNAMESE_ORDER)):
        commune = org_actions.found(f"X{index}", name, "grassroots_committee", tree["U2"], D(2016, 1, 1))
        org_actions.found(f"X{index}.A1", "Chi bộ ấp 1", "cell", commune, D(2016, 1, 1))
        made[name] = commune
    return made


def test_sort_key_is_stored_and_follows_the_vietnamese_alphabet(communes):
    names = list(
        Organization.objects.filter(kind="grassroots_committee", code__startswith="X")
        .order_by("sort_key")
        .values_list("name", flat=True)
    )
    assert names == VIETNAMESE_ORDER
    assert names.index("Đảng bộ xã Đại Ngãi") < names.index("Đảng bộ xã Long Phú")
    assert names.index("Đảng bộ xã Lâm Tân") < names.index("Đảng bộ xã Long Phú")
    org = Organization.objects.get(code="X0")
    assert org.sort_key == org_sort_key(org.name) != ""


def test_sort_key_follows_a_rename_and_refresh_repairs_stale_keys(communes):
    org = Organization.objects.get(name="Đảng bộ xã Phú Tâm")
    org.name = "Đảng bộ xã An Bình"
    org.save()
    first = Organization.objects.filter(code__startswith="X", kind="grassroots_committee").order_by("sort_key")[0]
    assert first.name == "Đảng bộ xã An Bình"
    Organization.objects.filter(pk=org.pk).update(sort_key="")
    assert Organization.refresh_sort_keys() == 1
    org.refresh_from_db()
    assert org.sort_key == org_sort_key("Đảng bộ xã An Bình")


def test_paths_name_the_organizations_above_without_the_only_province(communes, tree):
    cell = Organization.objects.get(code="X3.A1")
    paths = pickers.org_paths([cell.id, tree["G1"].id, tree["P"].id])
    assert paths[cell.id] == f"{cell.parent.name} — Đảng bộ huyện Hai"
    assert paths[tree["G1"].id] == "Đảng bộ huyện Một"
    assert paths[tree["P"].id] == ""
    assert pickers.org_label(cell.id, cell.name) == f"Chi bộ ấp 1 — {cell.parent.name} — Đảng bộ huyện Hai"


def test_search_without_accents_finds_the_commune_and_orders_the_same_names_by_path(communes):
    rows = pickers.search(Organization.objects.all(), "dai ngai")
    assert [r["name"] for r in rows] == ["Đảng bộ xã Đại Ngãi"]
    assert rows[0]["label"] == "Đảng bộ xã Đại Ngãi — Đảng bộ huyện Hai"
    cells = pickers.search(Organization.objects.all(), "chi bo ap 1")
    assert [r["label"].split(" — ")[1] for r in cells] == VIETNAMESE_ORDER
    assert pickers.search(Organization.objects.all(), "X4")[0]["value"] == "X4"  # a code, exactly


def test_search_puts_the_highest_match_first(tree):
    commune = org_actions.found("KS", "Đảng bộ xã Kế Sách", "grassroots_committee", tree["U2"], D(2016, 1, 1))
    org_actions.found("KS.1", "Chi bộ Trường Tiểu học Kế Sách", "cell", commune, D(2016, 1, 1))
    rows = pickers.search(Organization.objects.all(), "ke sach")
    assert [r["value"] for r in rows] == ["KS", "KS.1"]  # although "Chi" sorts before "Đảng"


def test_resolve_prefers_the_one_highest_match(communes):
    org, _candidates = pickers.resolve(Organization.objects.all(), "lam tan")
    assert org.name == "Đảng bộ xã Lâm Tân"  # the commune, not its cell listed under it
    org, candidates = pickers.resolve(Organization.objects.all(), "chi bo ap 1")
    assert org is None and len(candidates) == 9
    assert pickers.resolve(Organization.objects.all(), "khong co")[0] is None


def test_code_choices_in_vietnamese_order(communes):
    choices = pickers.code_choices(Organization.objects.filter(code__startswith="X", kind="grassroots_committee"))
    assert [label.split(" — ")[0] for _code, label in choices] == VIETNAMESE_ORDER


class _CellForm(StyledForm):
    org = OrgChoiceField(queryset=Organization.objects.none(), label="Chi bộ")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.filter(kind="cell")


def _user(username, org, role):
    from xaydungdang.accounts.actions import create_user

    return create_user(username, org, role, "Mat-khau-rat-dai-2024!", validate_password=False)


def test_picker_field_lists_in_order_with_paths_and_defaults_to_the_users_unit(communes, tree):
    secretary = _user("bithu_x", Organization.objects.get(code="X2.A1"), "secretary")
    staff = _user("canbo_x", tree["G1"], "staff")
    with acting_as(Actor(user=secretary, via="web")):
        form = _CellForm()
        html = str(form["org"])
        assert form["org"].value() == Organization.objects.get(code="X2.A1").pk
    labels = [label for _value, label in form.fields["org"].choices][1:]
    assert labels[0] == "Chi bộ ấp 1 — Đảng bộ xã An Hiệp — Đảng bộ huyện Hai"
    assert [label.split(" — ")[1] for label in labels[:9]] == VIETNAMESE_ORDER
    assert 'data-picker="org"' in html
    assert re.search(r'<option value="\d+" (selected data-code="X2.A1"|data-code="X2.A1" selected)>', html)
    # A commune clerk's own unit is not a cell: no default, the empty choice stays first and selected.
    with acting_as(Actor(user=staff, via="web")):
        form = _CellForm()
        assert form["org"].value() is None
        assert '<option value="" selected>— chọn —</option>' in str(form["org"])


def test_breadcrumbs_stop_at_the_users_top_unit(communes, tree):
    staff = _user("canbo_u2", tree["U2"], "staff")
    cell = Organization.objects.get(code="X0.A1")
    crumbs = pickers.breadcrumbs(staff, cell.id)
    assert [c["code"] for c in crumbs] == ["U2", "X0", "X0.A1"]
