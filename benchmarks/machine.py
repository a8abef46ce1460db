"""The machine section: CPU, versions, BLAS libraries and their threads."""

import os
import platform
import sys
import types
from pathlib import Path

import numpy as np
import threadpoolctl

BLAS_ENV = (
    "OPENBLAS_CORETYPE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "ATEN_CPU_CAPABILITY",
    "OPENBLAS_THREAD_TIMEOUT",
    "OMP_WAIT_POLICY",
)
VECTOR_FLAGS = ("avx", "avx2", "fma", "avx512f", "avx512_bf16", "amx_tile")
CORETYPE_WARNING = (
    "OPENBLAS_CORETYPE is set ({value}): it forces OpenBLAS's kernel choice and "
    "slows numpy's BLAS (so minigrad's matmuls) on some machines; BLAS-bound "
    "figures in this report may be pessimistic for minigrad."
)


def cpu_model() -> tuple[str, list[str]]:
    """The CPU's name and its vector-instruction flags, from /proc/cpuinfo."""
    name, flags = platform.processor() or platform.machine(), []
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                name = value.strip()
            elif key.strip() == "flags":
                flags = [f for f in value.split() if f in VECTOR_FLAGS]
                break
    except OSError:
        pass
    return name, flags


def _blas_pools(package_dir: str) -> list[dict]:
    """threadpoolctl's view of the thread pools loaded from one package."""
    return [
        {
            "library": pool.get("internal_api"),
            "version": pool.get("version"),
            "threads": pool.get("num_threads"),
            "architecture": pool.get("architecture"),
            "file": Path(pool["filepath"]).name,
        }
        for pool in threadpoolctl.threadpool_info()
        if pool["filepath"].startswith(package_dir)
    ]


def _numpy_blas() -> str:
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # numpy's config layout is not a stable API
        return "unknown"


def _torch_blas(torch: types.ModuleType) -> str:
    for item in torch.__config__.show().split(","):
        if "BLAS_INFO=" in item:
            return item.split("=", 1)[1].strip()
    return "unknown"


def describe(libs: dict) -> dict:
    """Everything about this machine that moves the speed figures."""
    torch = libs["torch"]
    numpy_dir = str(Path(np.__file__).resolve().parent)
    torch_dir = str(Path(torch.__file__).resolve().parent)
    env = {name: os.environ.get(name) for name in BLAS_ENV}
    coretype = env["OPENBLAS_CORETYPE"]
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    cpu, flags = cpu_model()
    return {
        "cpu": cpu,
        "cpu_flags": flags,
        "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "torch": torch.__version__,
        "libs": {role: lib.__name__ for role, lib in libs.items()},
        "minigrad_blas": {
            "via": f"numpy {_numpy_blas()}",
            # NOTE: the prefix also matches numpy.libs/, where wheels keep OpenBLAS.
            "pools": _blas_pools(numpy_dir),
        },
        "torch_blas": {
            "via": _torch_blas(torch),
            "threads": torch.get_num_threads(),
            "pools": _blas_pools(torch_dir),
        },
        "env": env,
        "warnings": [CORETYPE_WARNING.format(value=coretype)] if coretype else [],
    }
