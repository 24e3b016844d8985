#!/usr/bin/env python3
"""Times `xrayctl lint` against `cfn-lint` on the same CloudFormation templates.

Usage: python3 Tests/Benchmarks/lint_benchmark.py [--files 40] [--runs 3]

Builds xrayctl in release mode, copies the repository's CloudFormation templates (generated
examples and fixtures, broken examples) into a temporary folder until it holds --files templates, then runs
each tool over the whole folder --runs times and reports the best time of each, the ratio, and
xrayctl's time on ten times as many files (its scaling should stay linear: at most 11x).
"""
import argparse
import os
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
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "xrayctl"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    xrayctl = os.path.join(ROOT, ".build", "release", "xrayctl")
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
    print(f"xrayctl lint:              {ours:.3f} s")
    print(f"cfn-lint:                  {theirs:.3f} s")
    print(f"ratio:                     {theirs / ours:.0f}x faster")
    print(f"xrayctl on {args.files * 10} templates:   {ours_large:.3f} s ({ours_large / ours:.1f}x the time for 10x the files)")


if __name__ == "__main__":
    main()
