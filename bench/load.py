"""Load and fault test of the web application as served by `xdd serve`.

    python bench/load.py run [--users 50] [--seconds 300] [--restart-at 100] [--outage-at 200]
                             [--outage-seconds 15] [--database-url URL] [--report docs/reliability.md]

Without --database-url it starts its own throwaway PostgreSQL cluster (scripts/pg-start, as
root) so that it may stop and start it for the outage fault. Steps: seed a tree, members and
one secretary per cell; serve; N virtual users log in through the web form (CSRF) and mix
reads (dashboard, member list, search, member page) with writes (away / back events through
the web forms, each carrying a unique note); faults on schedule: SIGTERM the server and start
it again, stop the database and start it again. Afterwards the database is checked: every
write that answered success is there exactly once, nothing else from the run is there except
writes whose answer was lost (counted), and nothing is half-written (event without its audit
entry, derived intervals different from a fresh replay). Prints one JSON summary.
Only loopback addresses are contacted; every loop is bounded in time.
"""

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
PASSWORD = "Mat-khau-tai-thu-2025"
FIRST_DAY = dt.date(2021, 1, 1)


# --- inside Django (seed, verify) -----------------------------------------------------------


def _django():
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    import django

    django.setup()


def seed(cells: int, per_cell: int) -> dict:
    _django()
    from django.core.management import call_command

    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members import actions
    from xaydungdang.organizations import actions as org

    call_command("migrate", verbosity=0, interactive=False)
    names = ["An", "Bình", "Châu", "Dũng", "Em", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam", "Oanh", "Phúc"]
    families = ["Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thị", "Huỳnh Văn", "Đặng Thị", "Võ Văn"]
    users = []
    day = dt.date(2005, 1, 1)
    with acting_as(Actor(via="system")):
        top = org.found("P", "Đảng bộ tỉnh Tải thử", "provincial", None, day)
        create_user("quantri", top, "admin", PASSWORD, validate_password=False)
        uppers = [org.found(f"U{i}", f"Đảng bộ huyện {i}", "upper", top, day) for i in range(1, 6)]
        for c in range(cells):
            grassroots = org.found(f"G{c}", f"Đảng bộ xã {c}", "grassroots_committee", uppers[c % 5], day)
            cell = org.found(f"C{c}", f"Chi bộ ấp {c}", "cell", grassroots, day)
            members = []
            for m in range(per_cell):
                data = {
                    "member_no": f"L{c:03d}{m:03d}",
                    "full_name": f"{families[m % 7]} {names[(c + m) % 13]}",
                    "gender": "female" if m % 3 == 0 else "male",
                    "birth_date": dt.date(1970 + m % 30, 1 + m % 12, 5),
                    "ethnicity": "Kinh",
                    "joined_on": dt.date(2010, 1, 1),
                    "official_on": dt.date(2011, 1, 1),
                }
                members.append(actions.enter_member(data, entry="opening", cell=cell, on=dt.date(2012, 1, 1)).pk)
            create_user(f"bithu{c}", cell, "secretary", PASSWORD, validate_password=False)
            users.append({"username": f"bithu{c}", "members": members})
    return {"users": users}


def verify(notes_file: str) -> dict:
    """Judge the database after a run, from the client's record of each write."""
    _django()
    from collections import Counter

    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members.models import Member, MemberEvent, MemberSpan
    from xaydungdang.members.projection import rebuild_all

    record = json.loads(Path(notes_file).read_text())
    run_prefix = record["prefix"]
    in_db = Counter(MemberEvent.objects.filter(note__startswith=run_prefix).values_list("note", flat=True))
    event_ids = dict(MemberEvent.objects.filter(note__startswith=run_prefix).values_list("note", "id"))
    audited = set(
        AuditEntry.objects.filter(action__startswith="event.away", model="members.memberevent").values_list(
            "object_id", flat=True
        )
    )
    succeeded, unknown = set(record["succeeded"]), set(record["unknown"])
    refused = set(record["refused"])

    def state():
        return (
            sorted(MemberSpan.objects.values_list("member_id", "cell_id", "start", "end", "away")),
            sorted(Member.objects.values_list("id", "state", "status", "current_cell_id")),
        )

    before = state()
    report = rebuild_all()
    return {
        "succeeded": len(succeeded),
        "lost": sorted(n for n in succeeded if in_db[n] == 0),
        "duplicated": sorted(n for n, count in in_db.items() if count > 1),
        "refused_but_written": sorted(n for n in refused if in_db[n]),
        "unknown_written": sum(1 for n in unknown if in_db[n]),
        "unknown_not_written": sum(1 for n in unknown if not in_db[n]),
        "unexplained": sorted(n for n in in_db if n not in succeeded and n not in unknown),
        "half_written": sorted(n for n, eid in event_ids.items() if str(eid) not in audited),
        "broken_members": len(report["broken"]),
        "derived_equal_replay": state() == before,
    }


# --- the HTTP client ---------------------------------------------------------------------


class NotSent(Exception):
    """The request did not reach the server."""


class Browser:
    """One user's keep-alive connection with cookies, like a browser tab."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _reset(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def request(self, method: str, path: str, form: dict | None = None):
        """Raises NotSent when the request surely did not reach the application (refused,
        or a kept-alive socket already closed); other errors leave a write's fate unknown."""
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": f"127.0.0.1:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            self._reset()  # writes on a fresh connection: a stale keep-alive socket cannot blur their fate
        for _attempt in (1, 2):
            fresh = self.conn is None
            if fresh:
                self._connect()
            try:
                self.conn.request(method, path, body=body, headers=headers)
            except (OSError, http.client.HTTPException) as exc:
                self._reset()
                raise NotSent(f"{type(exc).__name__}") from exc
            try:
                response = self.conn.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException):
                self._reset()
                if fresh or method == "POST":
                    raise
                # a kept-alive socket the server had closed: a GET is simply sent again
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if (response.getheader("Connection", "") or "").lower() == "close":
            self._reset()
        return response.status, response.getheader("Location", ""), data

    def login(self, username: str) -> bool:
        self.request("GET", "/dang-nhap/")
        status, location, _ = self.request(
            "POST",
            "/dang-nhap/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")},
        )
        return status == 302


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {}
        self.status: dict[str, int] = {}
        self.succeeded, self.unknown, self.refused = [], [], []
        self.errors: list[str] = []
        self.saw_503_page = False

    def add(self, kind: str, seconds: float, status: str):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            self.status[status] = self.status.get(status, 0) + 1


def virtual_user(port, user, deadline, prefix, stats: Stats, stop: threading.Event, rnd: random.Random):
    browser = Browser(port)
    while not browser_login(browser, user["username"], stats) and time.time() < deadline and not stop.is_set():
        time.sleep(1)
    members = {pk: {"away": False, "day": 0, "tainted": False} for pk in user["members"]}
    n = 0
    search_words = ["nguyen", "Trần", "an", "thi", "Bình", "van", "le"]
    while time.time() < deadline and not stop.is_set():
        n += 1
        choice = rnd.random()
        started = time.perf_counter()
        try:
            if choice < 0.70:
                if choice < 0.15:
                    kind, path = "dashboard", "/"
                elif choice < 0.35:
                    kind, path = "member_list", "/dang-vien/"
                elif choice < 0.50:
                    kind, path = "search", "/dang-vien/?" + urllib.parse.urlencode({"q": rnd.choice(search_words)})
                else:
                    kind, path = "member_page", f"/dang-vien/{rnd.choice(user['members'])}/"
                status, location, body = browser.request("GET", path)
                if status == 302 and kind == "dashboard":
                    status, location, body = browser.request("GET", location)
                if status == 302 and "dang-nhap" in location:  # the session ended (restart keeps it: DB sessions)
                    browser_login(browser, user["username"], stats)
                note_status(stats, status, body)
                stats.add(kind, time.perf_counter() - started, str(status))
            else:
                usable = [pk for pk, s in members.items() if not s["tainted"]]
                if not usable:
                    time.sleep(0.5)
                    continue
                pk = rnd.choice(usable)
                member = members[pk]
                member["day"] += 1
                on = FIRST_DAY + dt.timedelta(days=member["day"])
                slug = "tro-ve" if member["away"] else "di-lam-an-xa"
                note = f"{prefix}{user['username']}-{n}"
                try:
                    status, location, body = browser.request(
                        "POST",
                        f"/dang-vien/{pk}/bien-dong/{slug}/",
                        {
                            "csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""),
                            "on": on.strftime("%d/%m/%Y"),
                            "note": note,
                        },
                    )
                except NotSent:
                    member["day"] -= 1  # not written: the same step is tried again later
                    raise
                except (OSError, http.client.HTTPException):
                    member["tainted"] = True  # did it commit? the database will tell
                    with stats.lock:
                        stats.unknown.append(note)
                    raise
                note_status(stats, status, body)
                if status == 302 and location.rstrip("/").endswith(f"/dang-vien/{pk}"):
                    member["away"] = not member["away"]
                    with stats.lock:
                        stats.succeeded.append(note)
                elif status >= 500:
                    member["tainted"] = True
                    with stats.lock:
                        stats.unknown.append(note)
                else:
                    with stats.lock:
                        stats.refused.append(note)
                        stats.errors.append(f"write {note}: HTTP {status} {location}")
                    member["tainted"] = True
                stats.add("write", time.perf_counter() - started, str(status))
        except NotSent as exc:
            stats.add("not_sent", time.perf_counter() - started, f"not sent ({exc})")
            time.sleep(0.2)
        except (OSError, http.client.HTTPException) as exc:
            stats.add("connection_error", time.perf_counter() - started, type(exc).__name__)
            time.sleep(0.2)
        time.sleep(rnd.uniform(0.05, 0.3))  # think time


def browser_login(browser, username, stats) -> bool:
    try:
        return browser.login(username)
    except (NotSent, OSError, http.client.HTTPException):
        return False


def note_status(stats: Stats, status: int, body: bytes):
    if status == 503 and "Cơ sở dữ liệu tạm thời không truy cập được".encode() in body:
        stats.saw_503_page = True


# --- orchestration -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port: int, timeout: float = 60) -> float:
    started = time.time()
    while time.time() - started < timeout:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/dang-nhap/")
            if conn.getresponse().status == 200:
                return time.time() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer")


def start_server(port: int, env: dict, log):
    return subprocess.Popen(
        [PY, "-m", "xaydungdang.cli", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def pg_ctl(cluster: str, what: str, port: int):
    """Stop or start our own throwaway cluster (never a shared one) with scripts/pg-start's options."""
    binary = "/usr/lib/postgresql/15/bin/pg_ctl"
    if what == "stop":
        command = f"{binary} -D {cluster}/data -m fast stop"
    else:
        options = (
            f"-k {cluster}/sock -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        command = f"{binary} -D {cluster}/data -l {cluster}/log -w start -o '{options}'"
    subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", command], check=True, capture_output=True)


def percentiles(values):
    if not values:
        return {}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return {
        "n": len(values),
        "p50_ms": round(pick(0.5) * 1000),
        "p95_ms": round(pick(0.95) * 1000),
        "p99_ms": round(pick(0.99) * 1000),
        "mean_ms": round(statistics.mean(values) * 1000),
    }


def run(args) -> dict:
    cluster = None
    url = args.database_url
    if not url:
        out = subprocess.run(
            [str(REPO / "scripts" / "pg-start"), str(free_port())], capture_output=True, text=True, check=True
        )
        url = out.stdout.strip().splitlines()[-1]
        cluster = Path("/tmp/xdd-pg-last").read_text().strip()
    data_dir = Path(args.data_dir or f"/tmp/xdd-load-{uuid.uuid4().hex[:6]}")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DATABASE_URL=url, XDD_DATA_DIR=str(data_dir), XDD_LOGIN_FAILURES="1000")
    env.pop("XDD_AUDIT_UNLOCKED", None)
    cells = max(args.users, 1)
    seeded = subprocess.run(
        [PY, __file__, "seed", str(cells), str(args.members_per_cell)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if seeded.returncode:
        raise SystemExit(seeded.stderr[-3000:])
    users = json.loads(seeded.stdout.strip().splitlines()[-1])["users"]
    port = args.port or free_port()
    log = open(data_dir / "server.log", "w")
    server = start_server(port, env, log)
    wait_http(port)
    prefix = f"load-{uuid.uuid4().hex[:6]}-"
    stats, stop = Stats(), threading.Event()
    started = time.time()
    deadline = started + args.seconds
    threads = [
        threading.Thread(
            target=virtual_user,
            args=(port, users[i % len(users)], deadline, prefix, stats, stop, random.Random(i)),
            daemon=True,
        )
        for i in range(args.users)
    ]
    for t in threads:
        t.start()
    faults = {}
    try:
        if args.restart_at:
            time.sleep(max(0, started + args.restart_at - time.time()))
            t0 = time.time()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            stopped = time.time() - t0
            server = start_server(port, env, log)
            ready = wait_http(port)
            faults["restart"] = {
                "at_s": args.restart_at,
                "graceful_stop_s": round(stopped, 2),
                "downtime_s": round(time.time() - t0, 2),
                "start_s": round(ready, 2),
                "server_exit_code": 0,
            }
        if args.outage_at and cluster:
            time.sleep(max(0, started + args.outage_at - time.time()))
            pg_port = urllib.parse.urlsplit(url).port
            pg_ctl(cluster, "stop", pg_port)
            time.sleep(args.outage_seconds)
            pg_ctl(cluster, "start", pg_port)
            back = time.time()
            # Recovery: the first page that answers 200 again.
            probe = Browser(port)
            probe.login(users[0]["username"])
            while time.time() - back < 60:
                try:
                    status, _l, _b = probe.request("GET", "/dang-vien/")
                    if status == 200:
                        break
                except (NotSent, OSError, http.client.HTTPException):
                    pass
                time.sleep(0.2)
            faults["db_outage"] = {
                "at_s": args.outage_at,
                "seconds": args.outage_seconds,
                "recovered_after_s": round(time.time() - back, 2),
            }
        for t in threads:
            t.join(timeout=max(1, deadline - time.time() + 40))
    finally:
        stop.set()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    elapsed = time.time() - started
    notes = data_dir / "notes.json"
    notes.write_text(
        json.dumps({"prefix": prefix, "succeeded": stats.succeeded, "unknown": stats.unknown, "refused": stats.refused})
    )
    judged = subprocess.run([PY, __file__, "verify", str(notes)], env=env, cwd=REPO, capture_output=True, text=True)
    if judged.returncode:
        raise SystemExit(judged.stderr[-3000:])
    check = json.loads(judged.stdout.strip().splitlines()[-1])
    total = sum(len(v) for v in stats.latency.values())
    summary = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "database": url.split(":", 1)[0],
        "users": args.users,
        "seconds": round(elapsed, 1),
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "latency": {k: percentiles(v) for k, v in sorted(stats.latency.items())},
        "status": stats.status,
        "write_errors": stats.errors[:20],
        "unknown_writes": len(stats.unknown),
        "saw_503_page": stats.saw_503_page,
        "faults": faults,
        "check": check,
    }
    if cluster:
        subprocess.run([str(REPO / "scripts" / "pg-stop"), cluster], capture_output=True)
    return summary


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} lõi {cpu}, {mem}, {system}, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--users", type=int, default=50)
    r.add_argument("--seconds", type=int, default=300)
    r.add_argument("--members-per-cell", type=int, default=40)
    r.add_argument("--restart-at", type=int, default=0)
    r.add_argument("--outage-at", type=int, default=0)
    r.add_argument("--outage-seconds", type=int, default=15)
    r.add_argument("--database-url")
    r.add_argument("--data-dir")
    r.add_argument("--port", type=int)
    r.add_argument("--json", help="also write the summary to this file")
    s = sub.add_parser("seed")
    s.add_argument("cells", type=int)
    s.add_argument("per_cell", type=int)
    v = sub.add_parser("verify")
    v.add_argument("notes")
    args = parser.parse_args()
    if args.cmd == "seed":
        print(json.dumps(seed(args.cells, args.per_cell)))
    elif args.cmd == "verify":
        print(json.dumps(verify(args.notes)))
    else:
        summary = run(args)
        text = json.dumps(summary, ensure_ascii=False, indent=1)
        if args.json:
            Path(args.json).write_text(text + "\n")
        print(text)


if __name__ == "__main__":
    main()
