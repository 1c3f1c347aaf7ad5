"""Test-suite set-up shared by every app's tests.

DATABASE_URL picks the database (SQLite when unset); the suite runs on both in CI.
"""

import os
import tempfile

# Before Django connects: tests may empty the audit table between tests (see core/dbsetup.py),
# and keep their files away from the developer's data folder.
os.environ["XDD_AUDIT_UNLOCKED"] = "1"
os.environ.setdefault("XDD_DATA_DIR", tempfile.mkdtemp(prefix="xdd-test-"))


def pytest_configure(config):
    """Password hashing costs ~0.7 s per user with the production hasher; tests create many users.
    The password rules (validators) still apply: only the hashing algorithm differs."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Queued jobs (imports) run at once, in the test's thread and transaction: no worker is needed.
    # The one test that needs a real worker starts its own processes on its own database
    # (interchange/tests/test_jobs.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["imports"]}}
