"""A member's situation in words, for confirmations and the audit trail ("what this correction
changes"): the state and the cell, e.g. "Đang sinh hoạt tại Chi bộ ấp Một"."""

from xaydungdang.members.models import MemberState


def situation(state: str, cell_id) -> str:
    from xaydungdang.organizations.tree import load_tree

    label = dict(MemberState.choices).get(state, state)
    info = load_tree().orgs.get(cell_id) if cell_id else None
    if info is None:
        return label
    if state == MemberState.ACTIVE:
        return f"{label} tại {info.name}"
    return f"{label} (nơi sinh hoạt cuối: {info.name})"


def preview_void_event(event) -> tuple[str, str, list[str]]:
    """For the confirmation page of a void: the member's situation now, after the void, and the
    problems that would refuse it. Writes nothing."""
    from xaydungdang.members import projection

    member = event.member
    result = projection.replay_member(member, skip_event_ids={event.id})
    problems = [p.message for _k, p in result.problems]
    return situation(member.state, member.current_cell_id), situation(result.state, result.current_cell), problems
