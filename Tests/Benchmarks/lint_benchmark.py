#!/usr/bin/env python3
"""Times `xrayctl lint` against `cfn-lint` on the same CloudFormation templates.

Usage: python3 Tests/Benchmarks/lint_benchmark.py [--files 40] [--runs 3] [--xrayctl BINARY]

Builds the binary CI ships (scripts/release.sh: release mode, the Swift runtime linked in, stripped;
or takes --xrayctl), copies the repository's CloudFormation templates
(generated examples and fixtures, broken examples) into a temporary folder until it holds --files
templates, then runs each tool over the whole folder --runs times and reports the best wall time and
the best CPU time (user + system of the child, which a machine shared with other work stretches far
less than wall time) of each, both ratios, and xrayctl's time on ten times as many files (its scaling
should stay linear: at most 11x). Target: xrayctl at least 100x under cfn-lint in CPU time; on 2026-12-06,
commit 4b81c0f, best of 5, four runs gave 123x to 147x (0.035 to 0.037 s against cfn-lint's 4.47 to 5.37 s; the
morning's commit 83312b3: 67x in a run beside them), on a 2-core machine otherwise idle (README, "Speed").
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def templates():
    found = []
    for top in ("examples", os.path.join("Tests", "XRayKitTests", "Golden")):
        for folder, _, files in os.walk(os.path.join(ROOT, top)):
            for name in files:
                if name in ("cloudformation.yaml", "template.yaml"):
                    found.append(os.path.join(folder, name))
    return sorted(found)


def fill(directory, sources, count):
    os.makedirs(directory, exist_ok=True)
    for index in range(count):
        source = sources[index % len(sources)]
        shutil.copy(source, os.path.join(directory, f"template-{index:04d}.yaml"))


def best_time(command, runs):
    """The best wall time and the best CPU time (user + system) of --runs runs, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return min(walls), min(cpus)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xrayctl", help="a release binary to time instead of building one")
    args = parser.parse_args()

    xrayctl = args.xrayctl
    if xrayctl is None:
        # The shipped binary, not a plain `swift build -c release` one: resolving the Swift runtime's
        # symbols at every start costs a dynamically linked binary about 10 ms of CPU.
        subprocess.run(["bash", os.path.join("scripts", "release.sh")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        xrayctl = os.path.join(ROOT, ".build-release", "release", "xrayctl")
    cfn_lint = shutil.which("cfn-lint")
    if cfn_lint is None:
        sys.exit("cfn-lint is not installed (pip install cfn-lint)")
    sources = templates()

    with tempfile.TemporaryDirectory() as work:
        small, large = os.path.join(work, "small"), os.path.join(work, "large")
        fill(small, sources, args.files)
        fill(large, sources, args.files * 10)
        small_files = [os.path.join(small, name) for name in sorted(os.listdir(small))]

        # Both tools get every file in one invocation, as a CI job would run them.
        ours = best_time([xrayctl, "lint", small], args.runs)
        theirs = best_time([cfn_lint] + small_files, args.runs)
        ours_large = best_time([xrayctl, "lint", large], args.runs)

    print(f"templates:                 {args.files} (from {len(sources)} distinct files), best of {args.runs} runs")
    print(f"xrayctl lint:              {ours[0]:.3f} s wall, {ours[1]:.3f} s CPU")
    print(f"cfn-lint:                  {theirs[0]:.3f} s wall, {theirs[1]:.3f} s CPU")
    print(f"ratio:                     {theirs[0] / ours[0]:.0f}x faster in wall time, {theirs[1] / ours[1]:.0f}x in CPU time")
    print(f"xrayctl on {args.files * 10} templates:   {ours_large[0]:.3f} s wall, {ours_large[1]:.3f} s CPU "
          f"({ours_large[0] / ours[0]:.1f}x the wall time for 10x the files)")


if __name__ == "__main__":
    main()
