"""Hypothesis profiles: `dev` (default), `ci` (when CI is set), `thorough`."""

import os

from hypothesis import HealthCheck, settings

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=15, **_common)
settings.register_profile(
    "ci", max_examples=25, derandomize=True, print_blob=True, **_common
)
settings.register_profile("thorough", max_examples=400, **_common)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
