"""Judging a whole dataset before anything is written, collecting every error."""

from xaydungdang.core.dates import today
from xaydungdang.interchange.dataset import Row
from xaydungdang.interchange.membercheck import (
    check_changes,
    check_events,
    check_members,
    load_database_members,
    replay_members,
)
from xaydungdang.interchange.orgcheck import check_dated_tree, check_localities, check_moves, check_organizations
from xaydungdang.interchange.recordcheck import check_records, referenced_member_numbers, resolve_references
from xaydungdang.interchange.report import Issues
from xaydungdang.interchange.scopecheck import check_scope
from xaydungdang.interchange.work import Work
from xaydungdang.organizations.tree import load_tree


def validate(rows: dict[str, list[Row]], issues: Issues, warnings: Issues, *, user=None, progress=None) -> Work:
    work = Work(rows, issues, warnings, load_tree(), today())
    check_organizations(work)
    check_moves(work)
    check_dated_tree(work)
    check_localities(work)
    check_members(work)
    load_database_members(work, referenced_member_numbers(work))
    check_events(work)
    check_changes(work)
    resolve_references(work)
    replay_members(work, progress)
    check_records(work)
    if user is not None:
        check_scope(work, user)
    return work
