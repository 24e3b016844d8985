#!/usr/bin/env python3
"""Reads generated `.tf` files back with python-hcl2 and says what their strings hold.

Usage: hcl_literals.py DIR
Every .tf below DIR is parsed; `jsonencode(...)` arguments are parsed again (python-hcl2 hands them
back as expression text). Each quoted string is decoded as Terraform reads it (escapes, `$${` and
`%%{` as literal `${` and `%{`), and every `${...}` left in it is an interpolation. Prints
{"literals": [decoded strings, interpolations kept as ${...}], "interpolations": [expressions],
"problems": [...]}: template directives (`%{`), unknown escapes and files that do not parse are problems.
"""
import json
import os
import re
import sys

import hcl2

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def decode(raw, found):
    """The text of a quoted string's inside (python-hcl2 keeps escapes as written)."""
    text, index = [], 0
    while index < len(raw):
        if raw[index] == "\\":
            letter = raw[index + 1] if index + 1 < len(raw) else ""
            if letter in ESCAPES:
                text.append(ESCAPES[letter])
                index += 2
            elif letter in ("u", "U"):
                width = 4 if letter == "u" else 8
                text.append(chr(int(raw[index + 2:index + 2 + width], 16)))
                index += 2 + width
            else:
                found["problems"].append(f"unknown escape \\{letter} in {raw[:80]!r}")
                index += 2
        elif raw.startswith("$${", index) or raw.startswith("%%{", index):
            text.append(raw[index + 1:index + 3])
            index += 3
        elif raw.startswith("${", index):
            end = raw.find("}", index)
            expression = raw[index + 2:end]
            found["interpolations"].append(expression)
            text.append("${" + expression + "}")
            index = end + 1
        elif raw.startswith("%{", index):
            found["problems"].append(f"template directive in {raw[:80]!r}")
            index += 2
        else:
            text.append(raw[index])
            index += 1
    return "".join(text)


def walk(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "__is_block__":
                walk(key, found)
                walk(item, found)
    elif isinstance(value, list):
        for item in value:
            walk(item, found)
    elif isinstance(value, str):
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            found["literals"].append(decode(value[1:-1], found))
            return
        call = re.fullmatch(r"\$\{jsonencode\((.*)\)\}", value, re.S)
        if call:
            walk(hcl2.loads("x = " + call.group(1))["x"], found)
        elif value.startswith("${") and value.endswith("}"):
            found["interpolations"].append(value[2:-1])


def main():
    found = {"literals": [], "interpolations": [], "problems": []}
    for folder, _, files in os.walk(sys.argv[1]):
        for name in sorted(files):
            if name.endswith(".tf"):
                path = os.path.join(folder, name)
                try:
                    with open(path, encoding="utf-8") as handle:
                        walk(hcl2.load(handle), found)
                except Exception as error:  # a file that does not parse is the finding itself
                    found["problems"].append(f"{path}: {error!r}"[:500])
    json.dump(found, sys.stdout)


if __name__ == "__main__":
    main()
