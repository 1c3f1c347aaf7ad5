"""Each rule has one definition (docs/architecture.md, "Một định nghĩa cho mỗi quy tắc"); this test
reads the code so that a second, hand-written copy cannot come back unnoticed."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the xaydungdang package

# A string "kinh" (any case) compared with something: ==, !=, in (...), __iexact=, SQL = 'kinh'.
KINH_COMPARED = re.compile(r"""(?ix)
    (?: [=!]= | \bin\b | __i?exact\s*= | (?<![=!<>])=\s*(?=')) \s* [(\[{]? \s* (?:['"][^'"\n]*['"]\s*,\s*)* ['"]kinh['"]
  | ['"]kinh['"] \s* (?: [=!]= | \bnot\s+in\b | \bin\b )""")
# Working days counted with a bare number: each procedure's count is a named constant of its rules
# (core.rules.RECOGNITION_WORKING_DAYS, admissions' and transfers' own), counted on core/workdays.py.
WORKING_DAYS_CALL = re.compile(r"\badd_working_days\([^)\n]*,\s*\d+\s*\)")
PROBATION_MONTHS_USE = re.compile(r"\bPROBATION_MONTHS\b|\badd_months\([^)\n]*join[^)\n]*,\s*12\s*\)")
# The badge milestones (rules.md §6) written out by hand: core.rules.BADGE_YEARS is the one list, and a
# badge's milestone is read from its reason by members/partyage.py (the forms' rows II.x, the drilldown).
BADGE_MILESTONES = re.compile(r"\(\s*30\s*,\s*40\s*,\s*45\s*,\s*50\s*,\s*55\b|f[\"']II\.\{[^}\n]*(?:reason|e\[7\])")
BELOW_THREE = re.compile(r"(?i)official[^\n]*<\s*(?:3\b|MIN_OFFICIAL_PER_CELL)|<\s*MIN_OFFICIAL_PER_CELL")

RULES = [
    # (what, pattern, the only modules allowed to hold it)
    ("ethnic minority (Kinh compared by hand)", KINH_COMPARED, {"members/attributes.py"}),
    (
        "working days counted outside the rule",
        WORKING_DAYS_CALL,
        {"core/rules.py", "core/dates.py", "core/workdays.py"},
    ),
    ("probation end computed outside the rule", PROBATION_MONTHS_USE, {"core/rules.py"}),
    ("cells below three official members", BELOW_THREE, {"core/rules.py"}),
    ("badge milestones outside the rule", BADGE_MILESTONES, {"core/rules.py"}),
]


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel or rel.endswith("conftest.py"):
            continue
        yield rel, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "old",
    [
        "SUM(CASE WHEN lower(m.ethnicity) = 'kinh' THEN 0 ELSE 1 END)",
        'kinh = queryset.filter(ethnicity__iexact="kinh")',
        'return _fold(ethnicity) not in ("kinh", "")',
        'if ethnicity[no] != "Kinh")',
        'return kinh if value == "kinh" else queryset',
    ],
)
def test_the_kinh_pattern_catches_the_old_copies(old):
    assert KINH_COMPARED.search(old)


def test_the_other_patterns_catch_the_old_copies():
    assert WORKING_DAYS_CALL.search("if add_working_days(due, 30) < day:")
    assert PROBATION_MONTHS_USE.search("due = add_months(joined, PROBATION_MONTHS)")
    assert PROBATION_MONTHS_USE.search("self.schedule(add_months(p.joined, 12), ...)")
    assert BELOW_THREE.search("if info.is_cell and official.get(org_id, 0) < MIN_OFFICIAL_PER_CELL:")
    assert BELOW_THREE.search("cells = [c for c, official in rows if official < 3]")
    assert BADGE_MILESTONES.search("BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)")
    assert BADGE_MILESTONES.search("code = f\"II.{(e[7] or '').strip()}\"")
    assert not KINH_COMPARED.search('ethnicity = forms.CharField(label="Dân tộc", initial="Kinh")')


@pytest.mark.parametrize("what, pattern, allowed", RULES, ids=[r[0] for r in RULES])
def test_each_rule_is_defined_once(what, pattern, allowed):
    found = [
        f"{rel}:{n}: {line.strip()}"
        for rel, text in _sources()
        if rel not in allowed
        for n, line in enumerate(text.splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, f"{what}: use the one definition instead of\n" + "\n".join(found)


def test_the_definitions_exist_where_the_test_says():
    assert "def is_ethnic_minority" in (ROOT / "members/attributes.py").read_text(encoding="utf-8")
    rules = (ROOT / "core/rules.py").read_text(encoding="utf-8")
    for name in ("def probation_overdue", "def recognition_deadline", "def cell_below_minimum"):
        assert name in rules
    assert "def check_rating_once" in (ROOT / "reviews/rules.py").read_text(encoding="utf-8")


def test_the_generators_take_member_state_from_the_lifecycle():
    """demo/history.py sets a person's official/away/exempt flags only from the lifecycle's state
    machine (History.judge); interchange/synth.py keeps no such flags of its own."""
    import ast

    tree = ast.parse((ROOT / "demo/history.py").read_text(encoding="utf-8"))
    outside = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef) or func.name == "judge":
            continue
        for node in ast.walk(func):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, (ast.AugAssign, ast.AnnAssign))
                else []
            )
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and element.attr in ("official", "away", "exempt"):
                        outside.append(f"{func.name}:{node.lineno}")
    assert not outside, outside
    synth = (ROOT / "interchange/synth.py").read_text(encoding="utf-8")
    assert "replay(facts, steps" in synth and "nonlocal span_start" not in synth
