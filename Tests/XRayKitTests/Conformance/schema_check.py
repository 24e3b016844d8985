#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema with the jsonschema package.

Usage: schema_check.py SCHEMA.json FILE.yaml...
Prints {"FILE": ["error", ...], ...}: an empty list means the file is valid.
"""
import json
import sys

import yaml
from jsonschema import Draft202012Validator


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    results = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        results[path] = sorted(error.message for error in validator.iter_errors(document))
    json.dump(results, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
