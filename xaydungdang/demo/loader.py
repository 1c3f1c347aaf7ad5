"""Loading the demo province into the database: generate, import (all or nothing, through
the interchange importer and so through every rule), then create the demo users."""

import datetime as dt
import os
import secrets
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from xaydungdang.core.errors import DomainError, Problem
from xaydungdang.core.transactions import composing
from xaydungdang.demo.generator import DEFAULT_SEED, generate_parts

# (username, role, organization code, full name). ST.X03 is the commune committee "xã Kế Sách"
# formed on 1/7/2025 (under the city); ST.KS.X07.01 the first village cell of the former xã Kế An,
# now under it. ST (dissolved on 1/7/2025) and ST.KCQ (dissolved on 1/2/2025) keep their staff and
# viewer: grants on organizations that ended, for reading their history (docs/demo.md). The city's
# organization committee works on CT; the administrator's scope is everything wherever it is held.
DEMO_USERS = (
    ("admin", "admin", "CT", "Quản trị hệ thống"),
    ("bantochuc", "staff", "ST", "Cán bộ Ban Tổ chức Tỉnh ủy"),
    ("xaydang.kesach", "staff", "ST.X03", "Cán bộ Ban Xây dựng Đảng Đảng ủy xã Kế Sách"),
    ("bithu.kean", "secretary", "ST.KS.X07.01", "Bí thư chi bộ ấp"),
    ("xem.khoi", "viewer", "ST.KCQ", "Người xem báo cáo"),
    ("bantochuc.cantho", "staff", "CT", "Cán bộ Ban Tổ chức Thành ủy Cần Thơ"),
)
PASSWORD_ENV = "XDD_PASSWORD"
PART_NAMES = {
    "CT": "thành phố Cần Thơ",
    "ST": "tỉnh Sóc Trăng",
    "HG": "tỉnh Hậu Giang",
    "CTO": "thành phố Cần Thơ trước sáp nhập",
}


@dataclass
class DemoUser:
    username: str
    role: str
    org_code: str
    org_name: str
    password: str | None  # None when it came from XDD_PASSWORD (not echoed)


@dataclass
class LoadResult:
    seed: int
    today: dt.date
    counts: dict
    users: list[DemoUser] = field(default_factory=list)
    seconds_generate: float = 0.0
    seconds_import: float = 0.0
    seconds_total: float = 0.0


def refuse_if_loaded() -> None:
    from xaydungdang.organizations.models import Organization

    if Organization.objects.filter(code="ST").exists():
        raise DomainError(
            "Cơ sở dữ liệu đã có Đảng bộ tỉnh Sóc Trăng (mã ST); không nạp dữ liệu mẫu lần nữa. "
            "Hãy dùng một cơ sở dữ liệu trống (biến DATABASE_URL hoặc thư mục dữ liệu mới).",
            "code",
        )
    taken = list(Organization.objects.filter(code__in=PART_NAMES).values_list("code", flat=True))
    if taken:
        raise DomainError(
            f"Cơ sở dữ liệu đã có tổ chức mã {', '.join(sorted(taken))}; dữ liệu mẫu cần tạo các tổ chức này. "
            "Hãy dùng một cơ sở dữ liệu trống.",
            "code",
        )
    taken = list(
        get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True)
    )
    if taken:
        raise DomainError(
            f"Đã có người dùng {', '.join(sorted(taken))}; dữ liệu mẫu cần tạo các tài khoản này. "
            "Hãy dùng một cơ sở dữ liệu trống.",
            "username",
        )


def passwords() -> dict[str, str | None]:
    """XDD_PASSWORD for every demo user (checked before anything is written), or a fresh random
    password each (printed once)."""
    given = os.environ.get(PASSWORD_ENV)
    User = get_user_model()
    result = {}
    for username, _role, _org, full_name in DEMO_USERS:
        if given:
            try:
                password_validation.validate_password(given, User(username=username, first_name=full_name))
            except ValidationError as exc:
                raise DomainError(
                    [
                        Problem(
                            f"Mật khẩu trong biến {PASSWORD_ENV} không dùng được cho tài khoản {username}: {message}",
                            "password",
                        )
                        for message in exc.messages
                    ]
                )
            result[username] = None
        else:
            result[username] = secrets.token_urlsafe(12)
    return result


def load(seed: int = DEFAULT_SEED, *, today: dt.date | None = None, progress=None) -> LoadResult:
    """Generate and load the demo; raises DomainError (nothing written) if it cannot."""
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.core.dates import today as current_day
    from xaydungdang.interchange.gcpause import paused_gc
    from xaydungdang.interchange.importer import import_tables
    from xaydungdang.organizations.models import Organization

    started = time.perf_counter()
    today = today or current_day()
    refuse_if_loaded()
    chosen = passwords()
    stage = (lambda done, total: progress("Tạo dữ liệu mẫu", done, total)) if progress else None
    with paused_gc():  # several hundred thousand small objects, no reference cycles (interchange/gcpause.py)
        parts = generate_parts(seed, today, progress=stage)
    generated = time.perf_counter()
    counts: dict[str, int] = {}
    for _code, tables in parts:
        for name, rows in tables.items():
            counts[name] = counts.get(name, 0) + len(rows)
    result = LoadResult(seed=seed, today=today, counts=counts, seconds_generate=generated - started)
    with composing():  # the users are created by the action, inside this unit of work
        # One dataset per top organization (the interchange contract), all in this one transaction:
        # the city first, then Sóc Trăng (moved under it on 1/7/2025), Hậu Giang, the former Cần Thơ.
        for code, tables in parts:
            report = import_tables(
                tables, progress=progress, source=f"dữ liệu mẫu {PART_NAMES.get(code, code)} (seed {seed})"
            )
            if not report.ok:
                # A generator bug, never the user's fault: show what the rules refused.
                shown = [Problem(str(issue), issue.column) for issue in report.errors[:20]]
                raise DomainError(
                    [Problem(f"Dữ liệu mẫu ({code}) vi phạm {len(report.errors)} quy tắc; không ghi gì.")] + shown
                )
        result.seconds_import = time.perf_counter() - generated
        for username, role, code, full_name in DEMO_USERS:
            org = Organization.objects.get(code=code)
            password = os.environ.get(PASSWORD_ENV) if chosen[username] is None else chosen[username]
            create_user(username, org, role, password, full_name=full_name)
            result.users.append(DemoUser(username, role, code, org.name, chosen[username]))
    result.seconds_total = time.perf_counter() - started
    return result
