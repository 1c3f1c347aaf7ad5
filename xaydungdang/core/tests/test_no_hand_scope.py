"""Issue 10, item 3: no view, filter, table, form, API or alert filters a subtree by hand. They ask
the one scope (`Model.objects.restrict(user, action)`, `access.within(queryset, org_id)`); only the
scope itself (accounts/scope.py), the models' declarations (core/access.py, core/subjects.py) and
the engine, which rolls figures up through the dated tree, read subtrees directly."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
SCREEN_FILES = {
    "views.py",
    "filtersets.py",
    "forms.py",
    "recordforms.py",
    "tables.py",
    "api.py",
    "screens.py",
    "generic.py",
    "export.py",
}
# Walking the tree to draw it (the navigator, the API's tree listing) is not filtering records: the
# roots they start from come from the scope (organizations.views.visible_roots).
TREE_WALKS = {"web/navigator.py", "organizations/api.py"}
HAND_SCOPE = re.compile(r"\.subtree\(|\b(current_cell|cell|subject_org|org|granted_by|decided_by)_id__in\b")


def _screen_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in rel or "/migrations/" in rel:
            continue
        if path.name in SCREEN_FILES or rel.startswith(("web/", "alerts/")):
            yield rel, path


def test_screens_and_alerts_do_not_filter_subtrees_by_hand():
    offenders = []
    for rel, path in _screen_modules():
        if rel in TREE_WALKS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HAND_SCOPE.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "filter through restrict()/access.within(), not by hand:\n" + "\n".join(offenders)


def test_the_check_sees_the_screens():
    names = {rel for rel, _p in _screen_modules()}
    assert {
        "members/views.py",
        "members/filtersets.py",
        "core/generic.py",
        "alerts/rules.py",
        "organizations/views.py",
        "accounts/views.py",
    } <= names
