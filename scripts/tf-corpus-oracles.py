#!/usr/bin/env python3
"""Record what two reference HCL readers make of every file in the Terraform corpus.

For each `.tf` and `.tfvars` file under Tests/HCLTests/Fixtures/corpus this asks:

* python-hcl2 (the version pinned in requirements-test.txt): does `hcl2.loads` parse it?
* `terraform fmt -` (reading the file on stdin): does it accept it, i.e. exit 0 with no
  "Error" on stderr? Whether fmt would also *change* the text is recorded separately
  (`fmt_unchanged`); that is about layout, not about parsing.

The answers go to Tests/HCLTests/Fixtures/corpus/oracles.json so the Swift tests can expect
exactly what the reference tools do. Run from the repository root:

    python3 scripts/tf-corpus-oracles.py            # rewrite oracles.json
    python3 scripts/tf-corpus-oracles.py --check    # exit 1 if oracles.json is out of date

It needs `pip install python-hcl2==<pinned>` and a `terraform` binary on PATH (or TERRAFORM=...).
fmt needs no providers and no network.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests", "HCLTests", "Fixtures", "corpus")
OUT = os.path.join(CORPUS, "oracles.json")
TERRAFORM = os.environ.get("TERRAFORM", "terraform")


def corpus_files():
    found = []
    for base, _dirs, names in os.walk(CORPUS):
        for name in names:
            if name.endswith((".tf", ".tfvars")):
                found.append(os.path.relpath(os.path.join(base, name), CORPUS).replace(os.sep, "/"))
    return sorted(found)


def hcl2_verdict(data):
    import hcl2  # imported late so --help works without it
    try:
        hcl2.loads(data.decode("utf-8"))
        return True, None
    except Exception as exc:  # python-hcl2 raises lark errors, ValueError, UnicodeDecodeError...
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return False, f"{type(exc).__name__}: {first}"[:200]


def fmt_verdict(data, env):
    proc = subprocess.run([TERRAFORM, "fmt", "-no-color", "-"], input=data,
                          capture_output=True, env=env, timeout=120)
    stderr = proc.stderr.decode("utf-8", "replace")
    accepted = proc.returncode == 0 and "Error" not in stderr
    unchanged = accepted and proc.stdout == data
    error = None
    if not accepted:
        lines = [l.strip(" │╷╵") for l in stderr.splitlines() if l.strip(" │╷╵")]
        error = " ".join(lines[:2])[:200]
    return accepted, unchanged, error


def verdicts(rel, env):
    with open(os.path.join(CORPUS, rel), "rb") as handle:
        data = handle.read()
    parsed, parse_error = hcl2_verdict(data)
    accepted, unchanged, fmt_error = fmt_verdict(data, env)
    entry = {"python_hcl2": parsed, "terraform_fmt": accepted, "fmt_unchanged": unchanged}
    if parse_error:
        entry["python_hcl2_error"] = parse_error
    if fmt_error:
        entry["terraform_fmt_error"] = fmt_error
    return rel, entry


def terraform_version(env):
    out = subprocess.run([TERRAFORM, "version", "-json"], capture_output=True, env=env).stdout
    return json.loads(out)["terraform_version"]


def build():
    with tempfile.TemporaryDirectory() as home:
        cli_config = os.path.join(home, "terraformrc")
        open(cli_config, "w").close()
        env = dict(os.environ, TF_CLI_CONFIG_FILE=cli_config, CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1")
        files = corpus_files()
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = dict(pool.map(lambda rel: verdicts(rel, env), files))
        return {
            "tools": {"python-hcl2": metadata.version("python-hcl2"), "terraform": terraform_version(env)},
            "summary": {
                "files": len(results),
                "python_hcl2_parses": sum(e["python_hcl2"] for e in results.values()),
                "terraform_fmt_accepts": sum(e["terraform_fmt"] for e in results.values()),
                "terraform_fmt_unchanged": sum(e["fmt_unchanged"] for e in results.values()),
            },
            "files": results,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with oracles.json instead of writing it")
    args = parser.parse_args()
    oracles = build()
    text = json.dumps(oracles, indent=2, sort_keys=True) + "\n"
    if args.check:
        current = open(OUT).read() if os.path.exists(OUT) else ""
        if current != text:
            print("oracles.json is out of date; run scripts/tf-corpus-oracles.py", file=sys.stderr)
            return 1
        print("oracles.json is up to date")
        return 0
    with open(OUT, "w") as handle:
        handle.write(text)
    print(json.dumps(oracles["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
