import datetime as dt

import pytest

from xaydungdang.demo.generator import DEFAULT_SEED, generate_parts, merged

TODAY = dt.date(2026, 11, 22)  # fixed, so the in-memory tests do not depend on the clock


@pytest.fixture(scope="session")
def demo_parts():
    """The datasets in import order: CT (the city), ST, HG, CTO."""
    return generate_parts(DEFAULT_SEED, TODAY)


@pytest.fixture(scope="session")
def demo_tables(demo_parts):
    """Everything, as `generate()` returns it."""
    return merged(demo_parts)


@pytest.fixture(scope="session")
def st_tables(demo_parts):
    """Sóc Trăng's dataset alone (the calibrated province, with the city's own records)."""
    return dict(demo_parts)["ST"]
