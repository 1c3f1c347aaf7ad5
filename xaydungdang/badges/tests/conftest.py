"""The web tests' fixtures (members of the small tree, users per role) for the badges tests."""

from xaydungdang.web.tests.conftest import _fast_passwords, client_for, people, users  # noqa: F401
