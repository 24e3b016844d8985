#!/usr/bin/env python3
"""Checks generated `terraform/` folders.

Usage: terraform_check.py CHECKOV ROOT
ROOT holds generated setups (one folder each, with terraform/ and cloudformation.yaml). For each:
every .tf parses with python-hcl2; the resources match cloudformation.yaml's (roles with the same
trust, inline policies and managed policies; the same task definitions and containers, log groups,
DAEMON service, sampling rules, Pod Identity associations and Transaction Search). Then checkov scans
all of them once. Prints {"checked": [folders], "problems": [...], "checkov": [[check, resource, file]]}.
"""
import json
import os
import re
import subprocess
import sys

import hcl2
import yaml

# Interpolations that mean the same in both: the partition, the account, the region.
NORMAL = [
    ("${data.aws_partition.current.partition}", "PARTITION"), ("${AWS::Partition}", "PARTITION"),
    ("${data.aws_caller_identity.current.account_id}", "ACCOUNT"), ("${AWS::AccountId}", "ACCOUNT"),
    ("${data.aws_region.current.region}", "REGION"), ("${AWS::Region}", "REGION"),
]


def normal_text(text):
    for old, new in NORMAL:
        text = text.replace(old, new)
    return text.replace("$${", "${").replace("${!", "${")


def unquote(value):
    """python-hcl2 keeps strings' quotes (and object keys'); the values as JSON would have them."""
    if isinstance(value, dict):
        return {unquote(k): unquote(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [unquote(v) for v in value]
    if isinstance(value, str):
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            return normal_text(json.loads(value) if "\\" in value else value[1:-1])
        return normal_text(value)
    return value


def jsonencoded(expression):
    """The value inside `${jsonencode(...)}`, parsed by python-hcl2 as an object or list."""
    match = re.fullmatch(r"\$\{jsonencode\((.*)\)\}", expression, re.S)
    if not match:
        raise ValueError(f"not a jsonencode(...) expression: {expression[:80]}")
    return unquote(hcl2.loads("x = " + match.group(1))["x"])


def cfn_value(value):
    """A template value with Fn::Sub written out (xrayctl's templates use no other function in these places)."""
    if isinstance(value, dict):
        if set(value) == {"Fn::Sub"} and isinstance(value["Fn::Sub"], str):
            return normal_text(value["Fn::Sub"])
        return {k: cfn_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cfn_value(v) for v in value]
    return normal_text(value) if isinstance(value, str) else value


def numbers(value):
    """Numbers compared as numbers (HCL keeps 24 and 0.05 as written, YAML as int and float)."""
    if isinstance(value, dict):
        return {k: numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [numbers(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def lower_first(value):
    """CloudFormation's PascalCase container keys as ECS's camelCase (log driver options stay as written)."""
    if isinstance(value, dict):
        return {(k if k.startswith("awslogs") else k[:1].lower() + k[1:]): (v if k == "Options" else lower_first(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [lower_first(v) for v in value]
    return value


def terraform_resources(folder):
    resources = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".tf"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            parsed = hcl2.load(handle)
        for block in parsed.get("resource", []):
            for kind, named in block.items():
                for label, body in named.items():
                    resources.setdefault(unquote(kind), {})[unquote(label)] = body
    return resources


def summary_from_terraform(resources):
    roles = {}
    by_label = {}
    for label, body in resources.get("aws_iam_role", {}).items():
        name = unquote(body["name"])
        by_label[label] = name
        roles[name] = {"trust": jsonencoded(body["assume_role_policy"]), "policies": [], "managed": []}
    for body in resources.get("aws_iam_role_policy", {}).values():
        role = unquote(body["role"])
        match = re.fullmatch(r"\$\{aws_iam_role\.(\w+)\.id\}", body["role"])
        name = by_label[match.group(1)] if match else role
        roles.setdefault(name, {"trust": None, "policies": [], "managed": []})["policies"].append(jsonencoded(body["policy"]))
    for body in resources.get("aws_iam_role_policy_attachment", {}).values():
        # A role this configuration creates, by reference; an existing one, by name.
        match = re.fullmatch(r"\$\{aws_iam_role\.(\w+)\.name\}", body["role"])
        name = by_label[match.group(1)] if match else unquote(body["role"])
        roles.setdefault(name, {"trust": None, "policies": [], "managed": []})["managed"].append(unquote(body["policy_arn"]))
    tasks = {unquote(b["family"]): jsonencoded(b["container_definitions"]) for b in resources.get("aws_ecs_task_definition", {}).values()}
    return {
        "roles": roles,
        "instance_profiles": sorted(unquote(b["name"]) for b in resources.get("aws_iam_instance_profile", {}).values()),
        "tasks": tasks,
        "log_groups": sorted(unquote(b["name"]) for b in resources.get("aws_cloudwatch_log_group", {}).values()),
        "services": sorted(unquote(b["name"]) for b in resources.get("aws_ecs_service", {}).values()),
        "sampling_rules": sorted((unquote(b["rule_name"]), float(b["priority"])) for b in resources.get("aws_xray_sampling_rule", {}).values()),
        "pod_identity": sorted((unquote(b["cluster_name"]), unquote(b["namespace"]), unquote(b["service_account"]))
                               for b in resources.get("aws_eks_pod_identity_association", {}).values()),
        "log_policies": {unquote(b["policy_name"]): jsonencoded(b["policy_document"])
                         for b in resources.get("aws_cloudwatch_log_resource_policy", {}).values()},
        "transaction_search": len(resources.get("aws_xray_trace_segment_destination", {})),
        "groups": {unquote(b["group_name"]): {"filter": unquote(b["filter_expression"]),
                                              "insights": unquote(b["insights_configuration"][0]) if b.get("insights_configuration") else None}
                   for b in resources.get("aws_xray_group", {}).values()},
    }


def summary_from_template(path):
    with open(path, encoding="utf-8") as handle:
        template = yaml.safe_load(handle)
    resources = template.get("Resources", {})
    # The types this comparison reads; a type the template holds that none reads is a problem, so a
    # new kind of resource cannot pass unnoticed (the list follows from the reads below, not by hand).
    read = set()

    def of(kind):
        read.add(kind)
        return [r.get("Properties", {}) for r in resources.values() if r["Type"] == kind]
    roles = {}
    for props in of("AWS::IAM::Role"):
        roles[props["RoleName"]] = {
            "trust": cfn_value(props["AssumeRolePolicyDocument"]),
            "policies": [cfn_value(p["PolicyDocument"]) for p in props.get("Policies", [])],
            "managed": [cfn_value(a) for a in props.get("ManagedPolicyArns", [])],
        }
    for props in of("AWS::IAM::RolePolicy"):
        roles.setdefault(props["RoleName"], {"trust": None, "policies": [], "managed": []})["policies"].append(cfn_value(props["PolicyDocument"]))
    # No Terraform resource holds Application Signals' account setup: the README's Terraform steps run it.
    of("AWS::ApplicationSignals::Discovery")
    summary = {
        "roles": roles,
        "instance_profiles": sorted(p["InstanceProfileName"] for p in of("AWS::IAM::InstanceProfile")),
        "tasks": {p["Family"]: lower_first(cfn_value(p["ContainerDefinitions"])) for p in of("AWS::ECS::TaskDefinition")},
        "log_groups": sorted(p["LogGroupName"] for p in of("AWS::Logs::LogGroup")),
        "services": sorted(p["ServiceName"] for p in of("AWS::ECS::Service")),
        "sampling_rules": sorted((p["SamplingRule"]["RuleName"], float(p["SamplingRule"]["Priority"])) for p in of("AWS::XRay::SamplingRule")),
        "pod_identity": sorted((p["ClusterName"], p["Namespace"], p["ServiceAccount"]) for p in of("AWS::EKS::PodIdentityAssociation")),
        "log_policies": {p["PolicyName"]: json.loads(cfn_value(p["PolicyDocument"])) for p in of("AWS::Logs::ResourcePolicy")},
        "groups": {p["GroupName"]: {"filter": p["FilterExpression"],
                                    "insights": {"insights_enabled": p["InsightsConfiguration"]["InsightsEnabled"],
                                                 "notifications_enabled": p["InsightsConfiguration"]["NotificationsEnabled"]}}
                   for p in of("AWS::XRay::Group")},
        # Transaction Search's setting itself: Terraform's destination and indexing rule (its policy is compared above).
        "transaction_search": len(of("AWS::XRay::TransactionSearchConfig")),
    }
    unread = sorted({r["Type"] for r in resources.values()} - read)
    return summary, unread


def compare(setup):
    terraform = os.path.join(setup, "terraform")
    template = os.path.join(setup, "cloudformation.yaml")
    try:
        ours = summary_from_terraform(terraform_resources(terraform))
    except Exception as error:  # a parse failure is the finding
        return [f"python-hcl2: {type(error).__name__}: {error}"]
    if not os.path.exists(template):
        return []
    theirs, unread = summary_from_template(template)
    # An existing role given managed policies (Application Signals on a function's named role): Terraform
    # attaches them by the role's name; a stack cannot attach a managed policy to a role it does not own,
    # so the template leaves that role's step, inline policy included, to the CLI.
    for name, role in list(ours["roles"].items()):
        if role["trust"] is None and role["managed"] and name not in theirs["roles"]:
            del ours["roles"][name]
    problems = [f"cloudformation.yaml holds {kind}, which this check does not compare with terraform/" for kind in unread]
    for key in theirs:
        a, b = numbers(ours[key]), numbers(theirs[key])
        if a != b:
            problems.append(f"{key} differ from cloudformation.yaml: terraform {json.dumps(ours[key], sort_keys=True)[:600]} / template {json.dumps(theirs[key], sort_keys=True)[:600]}")
    return problems


# The template types no Terraform resource of provider 5.100 holds: a template of only these has no
# terraform/ beside it (the README's Terraform steps run them with the CLI).
TERRAFORM_CANNOT_HOLD = {"AWS::ApplicationSignals::Discovery"}


def terraform_expected(template):
    """Whether a template holds something Terraform can hold too, so terraform/ must exist beside it."""
    if not os.path.exists(template):
        return False
    with open(template, encoding="utf-8") as handle:
        resources = (yaml.safe_load(handle) or {}).get("Resources", {})
    return any(r["Type"] not in TERRAFORM_CANNOT_HOLD for r in resources.values())


def main():
    checkov, root = sys.argv[1], sys.argv[2]
    checked, problems = [], []
    for name in sorted(os.listdir(root)):
        setup = os.path.join(root, name)
        if terraform_expected(os.path.join(setup, "cloudformation.yaml")) and not os.path.isdir(os.path.join(setup, "terraform")):
            problems.append(f"{name}: cloudformation.yaml but no terraform/")
        if os.path.isdir(os.path.join(setup, "terraform")):
            checked.append(name)
            problems += [f"{name}: {p}" for p in compare(setup)]
        # The account-wide settings, applied once per account: account/terraform against account/cloudformation.yaml.
        account = os.path.join(setup, "account")
        if terraform_expected(os.path.join(account, "cloudformation.yaml")) and not os.path.isdir(os.path.join(account, "terraform")):
            problems.append(f"{name}: account/cloudformation.yaml but no account/terraform/")
        if os.path.isdir(os.path.join(account, "terraform")):
            checked.append(name + "/account")
            problems += [f"{name}/account: {p}" for p in compare(account)]
    findings = []
    if checkov != "-":
        result = subprocess.run([checkov, "-d", root, "--framework", "terraform", "--quiet", "--compact", "-o", "json"],
                                capture_output=True, text=True)
        reports = json.loads(result.stdout or "[]")
        for report in reports if isinstance(reports, list) else [reports]:
            for failed in report.get("results", {}).get("failed_checks", []):
                findings.append([failed["check_id"], failed["resource"], failed["file_path"]])
            if report.get("summary", {}).get("parsing_errors"):
                problems.append(f"checkov could not parse {report['summary']['parsing_errors']} files")
    json.dump({"checked": checked, "problems": problems, "checkov": findings}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
