"""Hypothesis profiles: `dev` (default), `ci` (when CI is set), `thorough`."""

import os

import pytest
from hypothesis import HealthCheck, settings

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=15, **_common)
settings.register_profile(
    "ci", max_examples=25, derandomize=True, print_blob=True, **_common
)
settings.register_profile("thorough", max_examples=400, **_common)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def _intel_cpu() -> bool:
    try:
        with open("/proc/cpuinfo") as f:
            return "GenuineIntel" in f.read()
    except OSError:
        return False


# NOTE: torch draws Bernoulli (dropout) masks with MKL on Intel CPUs; minigrad
# reproduces ATen's default kernel, which torch uses on other CPUs
# (docs/torch_rng.md). Tests of mask bits are skipped on Intel.
bernoulli_bits = pytest.mark.skipif(
    _intel_cpu(),
    reason="torch's Bernoulli masks on Intel CPUs come from MKL, which minigrad does not reproduce",
)
