"""Vietnamese formats in templates: dates 31/12/2023, numbers 48.879, percentages 100,05%."""

import datetime as dt

from django import template

from xaydungdang.core import formatting

register = template.Library()


@register.filter
def vndate(value):
    if isinstance(value, dt.datetime):
        return formatting.datetime(value)
    if isinstance(value, dt.date):
        return formatting.date(value)
    if isinstance(value, str) and value:
        try:
            return formatting.date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return ""


@register.filter
def org_fate(org):
    """ " (đến 30/06/2025, nay thuộc …)" after the name of a dissolved organization (its page, the
    dossier's past cells); empty for a living one or none."""
    from xaydungdang.organizations.pickers import fate_text

    text = fate_text(org.id) if getattr(org, "dissolved_on", None) else ""
    return f" ({text})" if text else ""


@register.filter
def dayminus1(value):
    """The day before a date (the last day of a dissolved organization: dissolved_on|dayminus1)."""
    return value - dt.timedelta(days=1) if isinstance(value, dt.date) else value


@register.filter
def vndatetime(value):
    return formatting.datetime(value) if value else ""


@register.filter
def vnnum(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    try:
        if float(value) == int(float(value)):
            return formatting.integer(value)
    except (TypeError, ValueError):
        return value
    return formatting.number(value)


@register.filter
def vnpct(value):
    return formatting.percent(value)


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` for dicts whose keys contain dots (indicator keys)."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def audit_changes(entry) -> list[tuple]:
    """(field, before, after) rows of an audit entry in words (accounts.audit_trail.changes:
    field names and choice values in Vietnamese, national IDs masked, no raw JSON); before is
    empty when there was nothing before."""
    from xaydungdang.accounts import audit_trail

    return [(c.label, "" if c.before == "—" else c.before, c.after) for c in audit_trail.changes(entry)]


@register.filter
def audit_sentence(entry) -> str:
    """The entry as a sentence ("Nguyễn Văn A ghi biến động «Kết nạp» — …")."""
    from xaydungdang.accounts import audit_trail
    from xaydungdang.organizations.models import Organization

    org = Organization.objects.filter(id=entry.org_id).values_list("name", flat=True).first() if entry.org_id else ""
    who = audit_trail.user_names([entry]).get(entry.user_id, "")
    return audit_trail.sentence(entry, who, org or "", audit_trail.masked("", entry.object_repr))
