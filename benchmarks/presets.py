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


PRESETS = {
    "tiny": Preset(
        name="tiny",
        parity_shape_sets=1,
        trajectory_epochs=2,
        warmup=0,
        speed_repeats=2,
        course_epochs_per_repeat=1,
        phase_steps=10,
        blas_batch=64,
        blas_features=64,
        blas_repeats=2,
        cnn_repeats=2,
        rng_numel=10_000,
        rng_repeats=2,
        import_repeats=1,
        profile_calls=1,
    ),
    "quick": Preset(
        name="quick",
        parity_shape_sets=2,
        trajectory_epochs=30,
        warmup=2,
        speed_repeats=31,
        course_epochs_per_repeat=2,
        phase_steps=50,
        blas_batch=4096,
        blas_features=1024,
        blas_repeats=5,
        cnn_repeats=15,
        rng_numel=1_000_000,
        rng_repeats=7,
        import_repeats=3,
        profile_calls=10,
    ),
    "default": Preset(
        name="default",
        parity_shape_sets=99,
        trajectory_epochs=100,
        warmup=2,
        speed_repeats=101,
        course_epochs_per_repeat=2,
        phase_steps=100,
        blas_batch=4096,
        blas_features=1024,
        blas_repeats=15,
        cnn_repeats=41,
        rng_numel=1_000_000,
        rng_repeats=21,
        import_repeats=9,
        profile_calls=50,
    ),
}
