"""The mirror test (issue 17): database A is built through the actions, an import and voids; its whole
change feed is read through the HTTP API with a token, in small pages; a separate process applies it
to an empty database B (interchange/tests/mirror_b.py); the JSON of `xdd report` and `xdd forms` must
be equal on A and B. Then A changes again, B resumes from its remembered cursor, and they are compared
again."""

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

import xaydungdang
from xaydungdang.accounts.tokens import create_token
from xaydungdang.activities import actions as activity_actions
from xaydungdang.conftest import person
from xaydungdang.inspections import actions as inspection_actions
from xaydungdang.interchange.importer import import_path
from xaydungdang.interchange.tests.helpers import SAMPLE, messages
from xaydungdang.interchange.tests.mirror_b import figures
from xaydungdang.members import actions as members
from xaydungdang.members.models import Member, MemberEvent
from xaydungdang.organizations import actions as orgs
from xaydungdang.reviews import actions as reviews

D = dt.date
SPECS = {
    "reports": [
        ["P", "2023-01-01", "2023-12-31"],
        ["P", "2024-01-01", "2024-12-31"],
        ["U1", "2024-01-01", "2024-12-31"],
        ["G1", "2020-01-01", "2025-12-31"],
        ["TM", "2023-01-01", "2023-12-31"],
        ["TM", "2024-01-01", "2024-12-31"],
        ["P", "2015-01-01", "2024-12-31"],
    ],
    "forms": [["P", "2024"], ["P", "2023-H1"], ["TM", "2024"], ["TM", "2023"]],
}
PASSWORD = "Mat-khau-rat-dai-2024!"


def _stable(data):
    """The figures without what depends on the moment they were computed."""
    if isinstance(data, dict):
        return {k: _stable(v) for k, v in data.items() if k not in ("generated_at", "computed_at", "data_version")}
    if isinstance(data, list):
        return [_stable(v) for v in data]
    return data


def differences(a, b, path="") -> list[str]:
    """The leaves where two figure trees differ (an assertion message that says where)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str) for d in differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: B {a!r} != A {b!r}"]


def assert_same(mirrored: dict) -> None:
    found = differences(_stable(mirrored), _stable(figures(SPECS)))
    assert not found, "\n".join(found[:40])


def build_a(tree):
    """Members, events, changes, records and voids through the actions, and the sample dataset imported."""
    an = members.enter_member(
        person("M001", national_id="012345678901"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1)
    )
    binh = members.enter_member(
        person("M002", "Đặng Thị Bình", gender="female"), entry="opening", cell=tree["C1"], on=D(2016, 1, 1)
    )
    dung = members.enter_member(
        person("M004", "Lê Văn Dũng", ethnicity="Khmer"), entry="opening", cell=tree["C2"], on=D(2016, 1, 1)
    )
    report = import_path(SAMPLE)
    assert report.ok, messages(report)
    new = members.admit(person("M010", "Trần Văn Mới", national_id="079123456789"), tree["C2"], D(2023, 3, 1))
    members.recognize(new, D(2024, 3, 1))
    members.transfer(binh, tree["GC"], D(2023, 6, 1))
    members.record_event(dung, "away_started", D(2023, 2, 1))
    wrong = members.record_death(an, D(2024, 2, 1))
    members.void_event(wrong, "Ghi nhầm người")
    members.update_member(an, {"full_name": "Nguyễn Văn Ân"}, expected_version=Member.objects.get(pk=an.pk).version)
    members.record_change(dung, "occupation", "farmer", D(2023, 5, 1))
    c3 = orgs.found("C3", "Chi bộ ấp Ba", "cell", tree["G1"], D(2022, 1, 1))
    orgs.update(c3, name="Chi bộ ấp Ba Mới", locality=None, note="đổi tên", expected_version=c3.version)
    members.transfer(dung, c3, D(2024, 1, 15))
    activity_actions.record_class(
        {
            "org_id": tree["G1"].id,
            "kind": "thematic",
            "title": "Chuyên đề",
            "started_on": D(2023, 4, 1),
            "ended_on": None,
            "participants": 30,
        }
    )
    extra = activity_actions.record_class(
        {
            "org_id": tree["C1"].id,
            "kind": "thematic",
            "title": "Nhầm",
            "started_on": D(2023, 4, 2),
            "ended_on": None,
            "participants": 5,
        }
    )
    activity_actions.void(extra, "Trùng")
    reviews.record_rating({"year": 2023, "subject_type": "member", "subject_member_id": new.id, "level": "good"})
    inspection_actions.record_discipline(
        {
            "subject_type": "member",
            "subject_member_id": binh.id,
            "subject_org_id": None,
            "decided_by_id": tree["G1"].id,
            "level": "reprimand",
            "decided_on": D(2024, 5, 1),
            "reason": "Vi phạm",
        }
    )
    # Something of the imported dataset corrected afterwards: a void of an imported event.
    imported = (
        MemberEvent.objects.active()
        .exclude(type="opening")
        .filter(created_by__isnull=True)
        .exclude(member__member_no__startswith="M")
        .order_by("id")
    )
    victim = next(e for e in imported if _voidable(e))
    members.void_event(victim, "Nhập nhầm")
    # A number corrected after the member's events: earlier entries still name the number of their time.
    members.update_member(binh, {"member_no": "M002B"}, expected_version=Member.objects.get(pk=binh.pk).version)
    return {"an": an, "binh": binh, "dung": dung, "new": new, "c3": c3}


def _voidable(event) -> bool:
    from xaydungdang.members import projection

    return not projection.replay_member(event.member, skip_event_ids={event.id}).problems


def more_changes(tree, made):
    members.record_event(made["dung"], "away_ended", D(2024, 6, 1))
    # A second import that adds history to members already there (theirs and the first import's).
    from xaydungdang.interchange.importer import import_tables

    report = import_tables(
        {
            "organizations": [],
            "member_events": [
                {"member_no": "TM001", "type": "away_started", "on": D(2024, 4, 1)},
                {"member_no": "M010", "type": "badge_awarded", "on": D(2024, 5, 1), "reason": "30"},
            ],
            "classes": [{"org_code": "G1", "kind": "thematic", "started_on": D(2024, 4, 2), "participants": 41}],
        }
    )
    assert report.ok, messages(report)
    late = members.admit(person("M011", "Võ Thị Sau", gender="female"), tree["GC"], D(2024, 7, 1))
    members.update_member(
        late, {"national_id": "079300000011"}, expected_version=Member.objects.get(pk=late.pk).version
    )
    members.transfer(made["new"], tree["C1"], D(2024, 8, 1))
    orgs.dissolve(tree["C2"], D(2024, 9, 1), decision_no="12-QĐ/ĐU")
    activity_actions.record_class(
        {
            "org_id": tree["U1"].id,
            "kind": "resolution_study",
            "title": "",
            "started_on": D(2024, 9, 5),
            "ended_on": None,
            "participants": 120,
        }
    )


def read_feed(client, token, since="", limit=7):
    """Every page from `since` on, as the API serves them (each with the `since` it answered)."""
    pages = []
    while True:
        response = client.get(
            "/api/v1/changes/", {"since": since, "limit": limit}, HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert response.status_code == 200, response.content
        page = response.json() | {"since": since}
        pages.append(page)
        since = page["next"]
        if not page["more"]:
            return pages


class DatabaseB:
    """An empty database of the same kind as the test's, reached by a subprocess."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        if connection.vendor == "postgresql":
            import psycopg

            params = connection.settings_dict
            self.name = f"xdd_h3_mirror_{uuid.uuid4().hex[:8]}"
            self.admin = dict(
                host=params["HOST"],
                port=params["PORT"],
                user=params["USER"],
                password=params["PASSWORD"] or None,
                dbname="postgres",
            )
            with psycopg.connect(**self.admin, autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{self.name}"')
            auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
            self.url = f"postgresql://{auth}@{params['HOST']}:{params['PORT']}/{self.name}"
        else:
            self.name = None
            self.url = f"sqlite:///{tmp_path / 'b.sqlite3'}"

    def drop(self):
        if self.name:
            import psycopg

            with psycopg.connect(**self.admin, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def mirror(self, pages) -> dict:
        pages_path, specs_path = self.tmp / "pages.json", self.tmp / "specs.json"
        pages_path.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        specs_path.write_text(json.dumps(SPECS))
        root = str(Path(xaydungdang.__file__).resolve().parent.parent)  # the code under test, not another copy
        env = dict(
            os.environ,
            DATABASE_URL=self.url,
            XDD_DATA_DIR=str(self.tmp),
            DJANGO_SETTINGS_MODULE="xaydungdang.settings",
            PYTHONPATH=root,
        )
        done = subprocess.run(
            [sys.executable, "-m", "xaydungdang.interchange.tests.mirror_b", str(pages_path), str(specs_path)],
            env=env,
            capture_output=True,
            text=True,
            cwd=root,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.django_db
def test_mirror_through_the_feed_reproduces_every_figure(tree, tmp_path):
    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)  # sees both trees
    _token, secret = create_token(admin, "đồng bộ trung ương", days=30)
    made = build_a(tree)
    b = DatabaseB(tmp_path)
    try:
        from django.test import Client

        client = Client()
        pages = read_feed(client, secret)
        assert len(pages) > 5  # small pages: the import is cut in the middle, resumed by its cursor
        ops = {(c["op"], c["table"]) for p in pages for c in p["changes"]}
        assert {
            ("void", "member_events"),
            ("void", "classes"),
            ("upsert", "organizations"),
            ("insert", "ratings"),
        } <= ops
        mirrored = b.mirror(pages)
        assert mirrored["cursor"] == pages[-1]["next"]
        assert_same(mirrored["figures"])

        more_changes(tree, made)
        rest = read_feed(client, secret, since=pages[-1]["next"])
        assert sum(len(p["changes"]) for p in rest) >= 6
        mirrored = b.mirror(rest)
        assert mirrored["cursor"] == rest[-1]["next"]
        assert_same(mirrored["figures"])
    finally:
        b.drop()
