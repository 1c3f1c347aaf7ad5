import datetime as dt

import pytest

from xaydungdang.demo.generator import DEFAULT_SEED, generate

TODAY = dt.date(2026, 11, 22)  # fixed, so the in-memory tests do not depend on the clock


@pytest.fixture(scope="session")
def demo_tables():
    return generate(DEFAULT_SEED, TODAY)
