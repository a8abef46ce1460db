"""How big each benchmark run is: `tiny` (tests), `quick`, `default`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    parity_shape_sets: int  # how many of each case's shape sets to check
    trajectory_epochs: int  # the course trains for 100 epochs
    warmup: int  # untimed runs per library before the timed repeats
    speed_repeats: int  # timed repeats per library
    course_epochs_per_repeat: int  # epochs of a course loop in one timed repeat
    phase_steps: int  # training steps in one timed repeat of the phase split
    blas_batch: int
    blas_features: int  # input width and hidden width of the BLAS-bound MLP
    blas_repeats: int
    cnn_repeats: int  # timed training steps of each CNN
    rng_numel: int
    rng_repeats: int
    import_repeats: int
    profile_calls: int  # timed repeats of a course loop run under cProfile


# each field's value in the presets tiny, quick and default
_VALUES = {
    "parity_shape_sets": (1, 2, 99),
    "trajectory_epochs": (2, 30, 100),
    "warmup": (0, 2, 2),
    "speed_repeats": (2, 31, 101),
    "course_epochs_per_repeat": (1, 2, 2),
    "phase_steps": (10, 50, 100),
    "blas_batch": (64, 4096, 4096),
    "blas_features": (64, 1024, 1024),
    "blas_repeats": (2, 5, 15),
    "cnn_repeats": (2, 15, 41),
    "rng_numel": (10_000, 1_000_000, 1_000_000),
    "rng_repeats": (2, 7, 21),
    "import_repeats": (1, 3, 9),
    "profile_calls": (1, 10, 50),
}
PRESETS = {
    name: Preset(name=name, **{field: row[i] for field, row in _VALUES.items()})
    for i, name in enumerate(("tiny", "quick", "default"))
}
