"""Multi-connection scenarios run in their own process against a real database file or
PostgreSQL database (DATABASE_URL), so threads get real connections and locks.

    DATABASE_URL=... python -m xaydungdang.ops.tests.scenarios NAME [ARG...]

Prints one JSON line with what it observed; the tests in this folder judge it.
"""

import datetime as dt
import json
import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")

D = dt.date
BASE = D(2020, 1, 1)


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_tree():
    from xaydungdang.organizations import actions as org

    P = org.found("P", "Đảng bộ tỉnh Thử", "provincial", None, D(2015, 1, 1))
    U1 = org.found("U1", "Đảng bộ huyện Một", "upper", P, D(2015, 1, 1))
    G1 = org.found("G1", "Đảng bộ xã Một", "grassroots_committee", U1, D(2015, 1, 1))
    C1 = org.found("C1", "Chi bộ ấp Một", "cell", G1, D(2015, 1, 1))
    C2 = org.found("C2", "Chi bộ ấp Hai", "cell", G1, D(2015, 1, 1))
    return {"P": P, "C1": C1, "C2": C2}


def new_member(no: str, cell):
    from xaydungdang.members import actions
    from xaydungdang.members.models import EventType

    data = {
        "member_no": no,
        "full_name": f"Nguyễn Văn {no}",
        "gender": "male",
        "birth_date": D(1990, 5, 17),
        "ethnicity": "Kinh",
        "joined_on": D(2016, 1, 1),
        "official_on": D(2017, 1, 1),
    }
    return actions.enter_member(data, entry=EventType.OPENING, cell=cell, on=D(2019, 1, 1))


def actor():
    from xaydungdang.core.context import Actor, acting_as

    return acting_as(Actor(via="test"))


# --- two editors -----------------------------------------------------------------------


def two_editors():
    """Two users open the same member and save at the same moment: one wins, one is told."""
    from django.db import connection

    from xaydungdang.core.errors import ConcurrentEditError
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members import actions
    from xaydungdang.members.models import Member

    with actor():
        tree = build_tree()
        member = new_member("E1", tree["C1"])
    barrier = threading.Barrier(2)
    outcome = {}

    def editor(name):
        with actor():
            try:
                opened = Member.objects.get(pk=member.pk)  # both open version N
                barrier.wait()
                actions.update_member(opened, {"hometown": f"Quê của {name}"}, expected_version=opened.version)
                outcome[name] = "saved"
            except ConcurrentEditError as exc:
                outcome[name] = "conflict: " + exc.message
            except Exception as exc:  # reported, judged by the test
                outcome[name] = f"error: {type(exc).__name__}: {exc}"
            finally:
                connection.close()

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    final = Member.objects.get(pk=member.pk)
    return {
        "outcome": outcome,
        "version_before": member.version,
        "version_after": final.version,
        "hometown": final.hometown,
        "updates_audited": AuditEntry.objects.filter(action="member.update", member_id=member.pk).count(),
    }


# --- backup during writes --------------------------------------------------------------

WRITERS, MEMBERS_PER_WRITER = 4, 3


def _op(writer: int, n: int, members):
    """Writer's n-th write: toggle away/back for one of its members, one day later each time."""
    from xaydungdang.members import actions
    from xaydungdang.members.models import EventType

    k = n - 1
    member = members[k % len(members)]
    away = (k // len(members)) % 2 == 0
    kind = EventType.AWAY_STARTED if away else EventType.AWAY_ENDED
    actions.record_event(member, kind, BASE + dt.timedelta(days=n), note=f"w{writer}-{n}")


def source(backup_path: str, seconds: str = "3"):
    """Writers append events while a backup is taken in the middle."""
    from django.db import connection

    from xaydungdang.members.models import Member
    from xaydungdang.ops import backup

    with actor():
        tree = build_tree()
        groups = [
            [new_member(f"W{w}M{i}", tree["C1" if i % 2 else "C2"]) for i in range(MEMBERS_PER_WRITER)]
            for w in range(WRITERS)
        ]
    stop = threading.Event()
    done = [0] * WRITERS
    errors = []

    def writer(w):
        members = [Member.objects.get(pk=m.pk) for m in groups[w]]
        n = 1
        with actor():
            while not stop.is_set() and n < 1500:
                try:
                    _op(w, n, members)
                    done[w] = n
                    n += 1
                except Exception as exc:
                    errors.append(f"w{w}-{n}: {type(exc).__name__}: {exc}")
                    break
        connection.close()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    time.sleep(float(seconds) / 2)
    before = sum(done)
    started = time.perf_counter()
    backup.backup(backup_path)
    took = time.perf_counter() - started
    during = sum(done) - before
    time.sleep(float(seconds) / 2)
    stop.set()
    for t in threads:
        t.join()
    return {"written": done, "errors": errors, "writes_during_backup": during, "backup_seconds": round(took, 3)}


def _figures():
    from xaydungdang.core.dates import today
    from xaydungdang.indicators.engine import compute

    ends = [BASE + dt.timedelta(days=d) for d in range(0, 1500, 45)] + [today()]
    return {end.isoformat(): compute("P", BASE, end) for end in ends if end <= today()}


def _span_rows():
    from xaydungdang.members.models import Member, MemberEvent, MemberSpan

    return (
        sorted(MemberSpan.objects.values_list("member_id", "cell_id", "start", "end", "official", "exempt", "away")),
        sorted(Member.objects.values_list("id", "state", "status", "current_cell_id")),
        sorted(MemberEvent.objects.values_list("id", "from_cell_id", "to_cell_id")),
    )


def restored(backup_path: str):
    """Restore into an empty database and judge what came back."""
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members.models import MemberEvent
    from xaydungdang.members.projection import rebuild_all
    from xaydungdang.ops import backup

    backup.restore(backup_path)
    derived = _span_rows()
    with actor():
        report = rebuild_all()
    rebuilt = _span_rows()
    events = {e.id: e.note for e in MemberEvent.objects.filter(note__startswith="w")}
    audited = set(
        int(i)
        for i in AuditEntry.objects.filter(action__startswith="event.away", model="members.memberevent").values_list(
            "object_id", flat=True
        )
    )
    numbers = {}
    for note in events.values():
        w, n = note[1:].split("-")
        numbers.setdefault(int(w), set()).add(int(n))
    prefix = {w: (max(ns) if ns == set(range(1, max(ns) + 1)) else -1) for w, ns in numbers.items()}
    return {
        "broken": [str(b[0]) for b in report["broken"]],
        "derived_unchanged": derived == rebuilt,
        "events": len(events),
        "events_without_audit": len(set(events) - audited),
        "audit_without_event": len(audited - set(events)),
        "prefix": prefix,
        "figures": _figures(),
    }


def rolled_back(prefix_json: str):
    """The source as of the backup: void every write made after it (newest first)."""
    from xaydungdang.members import actions
    from xaydungdang.members.models import MemberEvent

    prefix = {int(k): v for k, v in json.loads(prefix_json).items()}
    later = []
    for event in MemberEvent.objects.filter(note__startswith="w").select_related("member"):
        w, n = (int(x) for x in event.note[1:].split("-"))
        if n > prefix.get(w, 0):
            later.append((n, event))
    with actor():
        for _n, event in sorted(later, key=lambda pair: -pair[0]):
            actions.void_event(event, "sau thời điểm sao lưu")
    return {"voided": len(later), "figures": _figures()}


def seed():
    """A small tree and one member, for command-line tests."""
    with actor():
        tree = build_tree()
        new_member("S1", tree["C1"])
    return {"ok": True}


def counts():
    from django.contrib.auth import get_user_model

    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.models import Organization

    return {
        "orgs": Organization.objects.count(),
        "members": Member.objects.count(),
        "users": get_user_model().objects.count(),
        "restores": AuditEntry.objects.filter(action="system.restore").count(),
    }


SCENARIOS = {
    "seed": seed,
    "counts": counts,
    "two_editors": two_editors,
    "source": source,
    "restored": restored,
    "rolled_back": rolled_back,
}

if __name__ == "__main__":
    setup_django()
    result = SCENARIOS[sys.argv[1]](*sys.argv[2:])
    print(json.dumps(result, default=str, ensure_ascii=False))
