"""The dossier offers only the events the member's state allows (issue 12 item 5), asked of the
lifecycle's own rules (projection.allowed_events), never a hand-written list."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from xaydungdang.conftest import person
from xaydungdang.core.dates import today
from xaydungdang.members import actions
from xaydungdang.members.forms import EVENT_FORMS
from xaydungdang.members.models import EventType
from xaydungdang.web.tests.conftest import client_for, people, users  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
SLUG = {t: slug for t, (slug, _f, _t) in EVENT_FORMS.items()}


def offered(client, member) -> tuple[set, set]:
    """(slugs offered as links, slugs shown disabled) on the dossier."""
    page = client.get(reverse("web:member_detail", args=[member.pk])).content.decode()
    links = set(re.findall(r'<a class="btn[^"]*" href="[^"]*" data-event="([^"]+)"', page))
    disabled = set(re.findall(r'<span class="btn[^"]*disabled"[^>]*data-event="([^"]+)"', page))
    return links, disabled


def test_an_official_member_is_not_offered_recognition(client_for, people):
    links, disabled = offered(client_for("staff_u1"), people["chau"])
    assert SLUG[EventType.RECOGNIZED_OFFICIAL] not in links | disabled
    assert {SLUG[EventType.TRANSFERRED], SLUG[EventType.TRANSFERRED_OUT], SLUG[EventType.STRUCK_OFF]} <= links
    # Not back from somewhere she never went; no re-entry while present.
    for t in (EventType.AWAY_ENDED, EventType.EXEMPTION_ENDED, EventType.TEMPORARY_RETURNED):
        assert SLUG[t] not in links | disabled
    for t in (EventType.TRANSFERRED_IN, EventType.RESTORED, EventType.ADMITTED):
        assert SLUG[t] not in links | disabled


def test_a_probationary_member_sees_recognition_only_when_due(client_for, tree):
    day = today() - dt.timedelta(days=100)
    young = actions.admit(person("M100", "Võ Văn Mới", joined_on=day), tree["C1"], day)
    links, disabled = offered(client_for("staff_u1"), young)
    assert SLUG[EventType.RECOGNIZED_OFFICIAL] in disabled and SLUG[EventType.RECOGNIZED_OFFICIAL] not in links
    page = client_for("staff_u1").get(reverse("web:member_detail", args=[young.pk])).content.decode()
    assert "chưa đủ 12 tháng dự bị" in page
    old = actions.admit(person("M101", "Võ Văn Cũ", joined_on=D(2020, 3, 2)), tree["C1"], D(2020, 3, 2))
    links, _ = offered(client_for("staff_u1"), old)
    assert SLUG[EventType.RECOGNIZED_OFFICIAL] in links


def test_after_a_removal_only_restoration_or_readmission(client_for, people):
    actions.strike_off(people["an"], D(2022, 5, 1), "abandoned_activities")
    links, disabled = offered(client_for("staff_u1"), people["an"])
    assert links | disabled == {SLUG[EventType.RESTORED], SLUG[EventType.ADMITTED]}


def test_after_a_transfer_out_only_a_return(client_for, people):
    actions.transfer_out(people["an"], D(2022, 5, 1))
    links, disabled = offered(client_for("staff_u1"), people["an"])
    assert links | disabled == {SLUG[EventType.TRANSFERRED_IN]}


def test_after_death_nothing(client_for, people):
    actions.record_death(people["an"], D(2022, 5, 1))
    client = client_for("staff_u1")
    links, disabled = offered(client, people["an"])
    assert not links and not disabled
    assert (
        "Không có biến động nào ghi được (đã từ trần)."
        in client.get(reverse("web:member_detail", args=[people["an"].pk])).content.decode()
    )


def test_away_offers_the_return_not_a_second_departure(client_for, people):
    actions.record_event(people["an"], EventType.AWAY_STARTED, D(2022, 5, 1))
    links, _ = offered(client_for("staff_u1"), people["an"])
    assert SLUG[EventType.AWAY_ENDED] in links and SLUG[EventType.AWAY_STARTED] not in links


def test_every_offered_event_can_be_recorded(people):
    """What the dossier offers is what record_event accepts: each offered type, recorded today in a
    fresh copy of the history, passes the action's own replay."""
    from xaydungdang.members import projection

    member = people["chau"]
    refused = projection.allowed_events(member, list(EVENT_FORMS))
    for event_type in (EventType.RECOGNIZED_OFFICIAL, EventType.AWAY_ENDED, EventType.RESTORED):
        assert refused[event_type], event_type
    for event_type in (EventType.AWAY_STARTED, EventType.EXEMPTED, EventType.BADGE_AWARDED):
        assert not refused[event_type], event_type


def test_a_form_opened_for_an_event_that_does_not_fit_says_so(client_for, people):
    actions.record_death(people["an"], D(2022, 5, 1))
    page = client_for("staff_u1").get(reverse("web:member_event", args=[people["an"].pk, "di-lam-an-xa"]))
    assert "Lưu ý:" in page.content.decode() and "đã từ trần" in page.content.decode()
