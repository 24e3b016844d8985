#!/usr/bin/env python3
"""Checks generated artifacts with AWS's own validators.

Usage: validate.py DIR
Walks DIR and checks every artifact by its path: API inputs with botocore's request
validator (plus the enum values botocore does not check), IAM policies with moto's policy
grammar and Parliament. Prints one JSON object: {"checked": {path: [validators]}, "problems": [...]}.
A file no validator knows is itself a problem, so new artifact kinds cannot slip through unchecked.
"""
import json
import os
import sys

import botocore.session
from botocore.validate import ParamValidator
from moto.iam.policy_validation import IAMPolicyDocumentValidator, IAMTrustPolicyDocumentValidator
from parliament import analyze_policy_string

SESSION = botocore.session.get_session()


def enum_problems(value, shape, path):
    """botocore's validator checks types and lengths but not enums; walk the shape and check them."""
    problems = []
    if shape is None or value is None:
        return problems
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                problems += enum_problems(value[name], member, f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            problems += enum_problems(item, shape.member, f"{path}[{index}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            problems += enum_problems(item, shape.value, f"{path}.{key}")
    elif shape.type_name == "string" and getattr(shape, "enum", None) and value not in shape.enum:
        problems.append(f"{path}: {value!r} is not one of {shape.enum}")
    return problems


def check_api_input(service, operation, params):
    shape = SESSION.get_service_model(service).operation_model(operation).input_shape
    report = ParamValidator().validate(params, shape)
    problems = [report.generate_report()] if report.has_errors() else []
    return problems + enum_problems(params, shape, operation)


def check_policy(text, trust):
    problems = []
    try:
        (IAMTrustPolicyDocumentValidator if trust else IAMPolicyDocumentValidator)(text).validate()
    except Exception as error:  # moto raises MalformedPolicyDocument with the reason
        problems.append(f"moto: {getattr(error, 'message', error)}")
    for finding in analyze_policy_string(text).findings:
        # Trust policies have no Resource element by design; Parliament reads every policy as an
        # identity policy and says so. Every other finding counts.
        if trust and finding.detail == "Statement contains neither Resource nor NotResource":
            continue
        problems.append(f"parliament: {finding.issue}: {finding.detail}")
    return problems


def check_file(relative, text):
    """Returns (validators, problems) for one artifact."""
    name = os.path.basename(relative)
    parts = relative.split("/")
    if name == "README.md" or name == ".xrayctl-manifest.json":
        return ["none needed"], []
    data = json.loads(text) if name.endswith(".json") else None
    if name == "task-definition.json":
        return ["botocore ecs.RegisterTaskDefinition"], check_api_input("ecs", "RegisterTaskDefinition", data)
    folder = parts[-2] if len(parts) > 1 else ""
    if folder == "xray-daemon" and name == "service.json":
        return ["botocore ecs.CreateService"], check_api_input("ecs", "CreateService", data)
    if folder == "iam" and name.endswith(".trust.json"):
        role = name[: -len(".trust.json")]
        problems = check_api_input("iam", "CreateRole", {"RoleName": role, "AssumeRolePolicyDocument": text})
        return ["botocore iam.CreateRole", "moto trust grammar", "parliament"], problems + check_policy(text, trust=True)
    if folder == "iam" and name.endswith(".policy.json"):
        role = name[: -len(".policy.json")]
        problems = check_api_input("iam", "PutRolePolicy", {"RoleName": role, "PolicyName": "xray", "PolicyDocument": text})
        return ["botocore iam.PutRolePolicy", "moto policy grammar", "parliament"], problems + check_policy(text, trust=False)
    return [], [f"no validator knows this artifact"]


def main():
    root = sys.argv[1]
    checked, problems = {}, []
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, root)
            with open(full, encoding="utf-8") as handle:
                text = handle.read()
            try:
                validators, found = check_file(relative, text)
            except Exception as error:
                validators, found = [], [f"validator crashed: {error!r}"]
            checked[relative] = validators
            problems += [f"{relative}: {problem}" for problem in found]
    json.dump({"checked": checked, "problems": problems}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
