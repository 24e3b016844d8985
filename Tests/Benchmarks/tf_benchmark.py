#!/usr/bin/env python3
"""CPU time of `xrayctl lint` against `checkov --framework terraform` on the `.tf` corpus.

Usage: python3 Tests/Benchmarks/tf_benchmark.py [--runs 3] [--xrayctl PATH] [--checkov PATH]

Both tools read the same files (every repository of Tests/HCLTests/Fixtures/corpus, 392 `.tf`
files) in one invocation each: xrayctl is given the repository folders, checkov the corpus folder. CPU time (user + system) is what counts, not wall time: the machine
is shared, and CPU time is what a loaded machine disturbs least. Each run's time is the growth of
resource.getrusage(RUSAGE_CHILDREN) across it, which includes what the tool's own worker processes
used; the best of --runs runs is reported, with the wall time of that run beside it.

Without --xrayctl the release binary is built as scripts/release.sh builds it (without packaging it)
at .build-release/release/xrayctl. Without --checkov, .build-tools/checkov/bin/checkov is used,
created as .ci/run creates it when missing.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Tests", "HCLTests", "Fixtures", "corpus")
CHECKOV_VERSION = "3.3.30"
TARGET = 20


def release_binary():
    """Builds as scripts/release.sh does (static Swift runtime, the same scratch path), so that
    the binary measured is the one users download."""
    command = ["swift", "build", "-c", "release", "--product", "xrayctl", "--static-swift-stdlib",
               "--scratch-path", os.path.join(ROOT, ".build-release")]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build-release", "release", "xrayctl")


def checkov_binary():
    path = os.path.join(ROOT, ".build-tools", "checkov", "bin", "checkov")
    if not os.path.exists(path):
        venv = os.path.join(ROOT, ".build-tools", "checkov")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", f"checkov=={CHECKOV_VERSION}"], check=True)
    return path


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_run(command, runs, env=None):
    """(CPU seconds, wall seconds, exit status) of the run that took least CPU."""
    results = []
    for _ in range(runs):
        cpu, wall = child_cpu(), time.perf_counter()
        done = subprocess.run(command, cwd=CORPUS, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        results.append((child_cpu() - cpu, time.perf_counter() - wall, done.returncode))
    return min(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xrayctl", help="an xrayctl binary to measure instead of building the release binary")
    parser.add_argument("--checkov", help="a checkov executable instead of .build-tools/checkov/bin/checkov")
    args = parser.parse_args()

    xrayctl = os.path.abspath(args.xrayctl) if args.xrayctl else release_binary()
    checkov = os.path.abspath(args.checkov) if args.checkov else checkov_binary()
    folders = sorted(name for name in os.listdir(CORPUS) if "+" in name and os.path.isdir(os.path.join(CORPUS, name)))
    files = sum(name.endswith(".tf") for folder in folders for _, _, names in os.walk(os.path.join(CORPUS, folder)) for name in names)

    ours = best_run([xrayctl, "lint"] + folders, args.runs)
    # Offline, as xrayctl is: no download of guidelines or external modules, nothing sent anywhere.
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE")
    # checkov 3.3.30 given one -d per repository reads only the first and reports it once per -d,
    # so it gets the corpus folder itself, whose only .tf files are those of these folders.
    checkov_command = [checkov, "--framework", "terraform", "--skip-download", "--quiet", "--compact", "-d", "."]
    theirs = best_run(checkov_command, args.runs, env)
    version = subprocess.run([checkov, "--version"], capture_output=True, text=True).stdout.strip()

    # lint exits 1 when it reports an error, checkov 1 when a check fails; anything else is a crash.
    for name, (_, _, status) in (("xrayctl", ours), ("checkov", theirs)):
        if status not in (0, 1):
            sys.exit(f"{name} exited with status {status}: the measurement is not of a complete run")
    ratio = theirs[0] / ours[0]
    print(f"corpus:        {files} .tf files in {len(folders)} folders, best of {args.runs} runs (CPU time: user + system)")
    print(f"xrayctl lint:  {ours[0]:.3f} s CPU ({ours[1]:.3f} s wall)")
    print(f"checkov {version}: {theirs[0]:.3f} s CPU ({theirs[1]:.3f} s wall)")
    print(f"ratio:         {ratio:.1f}x less CPU (target: at least {TARGET}x)")
    if ratio < TARGET:
        sys.exit(f"below the target of {TARGET}x")


if __name__ == "__main__":
    main()
