"""Every page answers for a permitted user (no 500), with the Vietnamese page furniture."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render_for_admin(client_for, people, tree):
    client = client_for("admin")
    an = people["an"]
    urls = [
        reverse("web:org_tree"),
        reverse("web:org_detail", args=["P"]),
        reverse("web:org_detail", args=["C1"]),
        reverse("web:member_list"),
        reverse("web:member_list") + "?q=nguyen",
        reverse("web:member_detail", args=[an.pk]),
        reverse("web:member_edit", args=[an.pk]),
        reverse("web:member_admit"),
        reverse("web:member_transfer_in"),
        reverse("web:activity_index"),
        reverse("web:alerts"),
        reverse("web:reports"),
        reverse("web:import_start"),
        reverse("web:org_found"),
        reverse("web:org_update", args=["C1"]),
        reverse("web:org_move", args=["G1"]),
        reverse("web:org_merge", args=["C2"]),
        reverse("web:org_dissolve", args=["C2"]),
    ]
    from xaydungdang.core.generic import activities
    from xaydungdang.members.forms import EVENT_FORMS

    urls += [reverse("web:activity_list", args=[a.slug]) for a in activities()]
    urls += [reverse("web:activity_new", args=[a.slug]) for a in activities()]
    urls += [reverse("web:member_event", args=[an.pk, slug]) for slug, _f, _t in EVENT_FORMS.values()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b'lang="vi"' in response.content
