"""`python -m benchmarks`: parity and speed against torch, written as a report."""

import argparse
import sys

from benchmarks import threads

if __name__ == "__main__":
    # NOTE: before numpy and torch load (benchmarks/__init__.py imports nothing).
    threads.ensure_passive_wait(sys.argv[1:])

from benchmarks import report, runner  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Gradient parity, trajectory parity and speed of minigrad "
        "against torch (and of other autograd libraries); writes report.md, "
        "report.json and PNG plots.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smaller run (under two minutes)"
    )
    parser.add_argument(
        "--out", default=runner.DEFAULT_OUT, help="output folder (benchmarks/results)"
    )
    parser.add_argument("--only", choices=list(runner.SECTIONS), help="one section")
    parser.add_argument(
        "--peers",
        action="store_true",
        help="only the comparison with other autograd libraries (autograd, mygrad, "
        "micrograd, jax, tinygrad: those installed, e.g. by the `peers` extra); "
        "the default run includes it too",
    )
    # A debugging aid: `--libs torch,torch` runs every benchmark against torch twice.
    parser.add_argument("--libs", default="torch,minigrad", help=argparse.SUPPRESS)
    parser.add_argument("--preset", choices=["tiny"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    preset = args.preset or ("quick" if args.quick else "default")
    only = "peers" if args.peers else args.only
    results = runner.run(
        preset, args.out, only, tuple(args.libs.split(",")), progress=True
    )
    print(report.summary(results))
    print(f"\nreport: {args.out}/report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
