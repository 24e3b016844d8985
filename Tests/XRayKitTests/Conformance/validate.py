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
import re
import subprocess
import sys

import yaml

import botocore.session
from botocore.validate import ParamValidator
from moto.iam.policy_validation import IAMPolicyDocumentValidator, IAMTrustPolicyDocumentValidator
from parliament import analyze_policy_string
from aws_xray_sdk.core.sampling.local.sampler import LocalSampler
import jsonschema
import kubernetes_validate
import hcl2

# The CloudWatch agent's own configuration schema (aws/amazon-cloudwatch-agent, MIT; Fixtures/cloudwatch-agent).
CWA_SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "cloudwatch-agent", "schema.json")
with open(CWA_SCHEMA_PATH, encoding="utf-8") as _schema:
    CWA_SCHEMA = json.load(_schema)


def check_cloudwatch_agent_config(text):
    """The agent rejects the whole file when it does not match its schema."""
    try:
        config = json.loads(text)
    except ValueError as error:
        return [f"CloudWatch agent config is not JSON: {error}"]
    validator = jsonschema.Draft4Validator(CWA_SCHEMA)
    return [f"CloudWatch agent schema: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(config)]

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
        # Parliament 1.6.4 knows SAML provider ARNs and four web identity hosts as federation sources,
        # not IAM OIDC provider ARNs, which IAM documents for web identity (EKS IRSA) trust policies.
        if trust and finding.issue == "UNKNOWN_FEDERATION_SOURCE" and re.match(r"^arn:aws[-a-z]*:iam::(\d{12}|ACCOUNT_ID):oidc-provider/.+", str(finding.detail)):
            continue
        problems.append(f"parliament: {finding.issue}: {finding.detail}")
    return problems


# The daemon's configuration keys (aws-xray-daemon pkg/cfg/cfg.go, facts §1.3): the daemon exits on any
# other key when started with -c, and without Version.
DAEMON_KEYS = {"TotalBufferSizeMB", "Concurrency", "Region", "Endpoint", "Socket", "Logging", "LocalMode",
               "ResourceARN", "RoleARN", "NoVerifySSL", "ProxyAddress", "Version"}
DAEMON_SUBKEYS = {"Socket": {"UDPAddress", "TCPAddress"}, "Logging": {"LogRotation", "LogLevel", "LogPath"}}


def check_daemon_config(text):
    config = yaml.safe_load(text)
    problems = []
    if not isinstance(config, dict):
        return ["daemon config is not a mapping"]
    if config.get("Version") not in (1, 2):
        problems.append(f"Version must be 1 or 2, found {config.get('Version')!r}")
    for key, value in config.items():
        if key not in DAEMON_KEYS:
            problems.append(f"unknown daemon config key {key}")
        elif key in DAEMON_SUBKEYS:
            problems += [f"unknown daemon config key {key}.{sub}" for sub in value if sub not in DAEMON_SUBKEYS[key]]
    if config.get("Logging", {}).get("LogLevel", "info") not in ("dev", "debug", "info", "warn", "error", "prod"):
        problems.append("invalid Logging.LogLevel")
    return problems


def check_ebextensions(text):
    """Elastic Beanstalk's rules for a config file: YAML, option_settings for aws:elasticbeanstalk:xray
    with a boolean XRayEnabled, and files entries with mode/owner/group/content."""
    config = yaml.safe_load(text)
    problems = []
    xray = (config.get("option_settings") or {}).get("aws:elasticbeanstalk:xray") or {}
    if xray.get("XRayEnabled") is not True:
        problems.append("option_settings aws:elasticbeanstalk:xray XRayEnabled is not true")
    for path, entry in (config.get("files") or {}).items():
        if not path.startswith("/") or set(entry) - {"mode", "owner", "group", "content", "source", "encoding", "authentication"}:
            problems.append(f"files entry {path} is malformed")
        if path == "/etc/amazon/xray/cfg.yaml":
            problems += check_daemon_config(entry.get("content", ""))
    return problems


def check_cloudformation(path):
    from pathlib import Path

    from cfnlint.api import lint_file

    # Errors and warnings both count: the template should give cfn-lint nothing to say.
    return [f"cfn-lint {m.rule.id} ({m.rule.severity}) line {m.linenumber}: {m.message}"
            for m in lint_file(Path(path)) if m.rule.severity in ("error", "warning")]


def check_local_rules(data):
    try:
        sampler = LocalSampler()
        sampler.load_local_rules(data)
    except Exception as error:
        return [f"aws_xray_sdk LocalSampler rejected the file: {error!r}"]
    return []


# The Kubernetes versions EKS runs in standard or extended support (late 2026), each checked strictly
# (unknown fields are errors) with the schemas kubernetes-validate ships.
EKS_KUBERNETES_VERSIONS = ["1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"]


def check_kubernetes_object(document):
    problems = []
    for version in EKS_KUBERNETES_VERSIONS:
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            problems.append(f"Kubernetes {version}: {document.get('kind')} {error.message} at {list(error.path)}")
        except kubernetes_validate.InvalidSchemaError as error:
            problems.append(f"Kubernetes {version}: {document.get('kind')}: {error}")
    return problems


def check_kubernetes_manifests(text):
    """Every object valid for every EKS version, the agent's configuration valid for the agent, and
    the Service and DaemonSet publishing 2000 for UDP and TCP."""
    documents = [d for d in yaml.safe_load_all(text) if d is not None]
    problems = []
    for document in documents:
        problems += check_kubernetes_object(document)
        kind = document.get("kind")
        if kind == "ConfigMap":
            for key, value in (document.get("data") or {}).items():
                if key == "cfg.yaml":
                    problems += check_daemon_config(value)
                elif key == "cwagentconfig.json":
                    problems += check_cloudwatch_agent_config(value)
                elif key == "config.yaml":
                    config = yaml.safe_load(value)
                    if "traces" not in (config.get("service", {}).get("pipelines") or {}):
                        problems.append("the collector configuration has no traces pipeline")
        ports = []
        if kind == "Service":
            ports = [(p.get("port"), p.get("protocol", "TCP")) for p in document["spec"].get("ports", [])]
        elif kind == "DaemonSet":
            for container in document["spec"]["template"]["spec"]["containers"]:
                ports += [(p.get("containerPort"), p.get("protocol", "TCP")) for p in container.get("ports", [])]
        if kind in ("Service", "DaemonSet") and not {(2000, "UDP"), (2000, "TCP")} <= set(ports):
            problems.append(f"{kind} must publish 2000/UDP and 2000/TCP, found {ports}")
    kinds = [d.get("kind") for d in documents]
    for needed in ("ServiceAccount", "ConfigMap", "DaemonSet", "Service"):
        if needed not in kinds:
            problems.append(f"no {needed} among {kinds}")
    return problems


def check_deployment_patch(text):
    """A strategic-merge patch of a Deployment's container env: applied (containers and env merge by
    name) to a minimal Deployment, the result must be a valid Deployment for every EKS version."""
    patch = yaml.safe_load(text)
    problems = []
    containers = patch.get("spec", {}).get("template", {}).get("spec", {}).get("containers")
    if set(patch) != {"spec"} or not isinstance(containers, list) or not containers:
        return ["the patch must change spec.template.spec.containers only"]
    merged = []
    for container in containers:
        if not container.get("name"):
            problems.append("every patched container needs its name (strategic merge matches by name)")
        merged.append(dict(container, image="registry.example/app:1.0.0"))
    deployment = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "app"},
                  "spec": {"selector": {"matchLabels": {"app": "app"}},
                           "template": {"metadata": {"labels": {"app": "app"}}, "spec": {"containers": merged}}}}
    return problems + check_kubernetes_object(deployment)


def check_file(relative, text, full_path):
    """Returns (validators, problems) for one artifact."""
    name = os.path.basename(relative)
    parts = relative.split("/")
    folder = parts[-2] if len(parts) > 1 else ""
    if name == "README.md" or name == ".xrayctl-manifest.json":
        return ["none needed"], []
    data = json.loads(text) if name.endswith(".json") else None
    if name == "cloudformation.yaml":
        return ["cfn-lint"], check_cloudformation(full_path)
    if name == "user-data.sh":
        result = subprocess.run(["bash", "-n", full_path], capture_output=True, text=True)
        problems = [f"bash -n: {result.stderr.strip()}"] if result.returncode else []
        if not text.startswith("#!/bin/bash\n"):
            problems.append("user data must start with #!/bin/bash")
        validators = ["bash -n"]
        # The CloudWatch agent's file, written by a here-document.
        if "amazon-cloudwatch-agent.json.xrayctl <<'XRAYCTL_CONFIG'" in text:
            config = text.split("<<'XRAYCTL_CONFIG'\n", 1)[1].split("\nXRAYCTL_CONFIG", 1)[0]
            problems += check_cloudwatch_agent_config(config)
            validators.append("CloudWatch agent schema")
        return validators, problems
    if folder == "terraform" and name.endswith(".tf"):
        # Parsed here; terraform_check.py compares it with the template and runs checkov.
        try:
            hcl2.loads(text)
        except Exception as error:
            return ["python-hcl2"], [f"python-hcl2: {type(error).__name__}: {str(error)[:300]}"]
        return ["python-hcl2"], []
    if folder == "eks" and name == "agent.yaml":
        return ["kubernetes-validate"], check_kubernetes_manifests(text)
    if folder == "eks" and name.endswith(".patch.yaml"):
        return ["kubernetes-validate"], check_deployment_patch(text)
    if name == "cfg.yaml":
        return ["daemon config keys"], check_daemon_config(text)
    if folder == ".ebextensions" and name.endswith(".config"):
        return ["ebextensions structure"], check_ebextensions(text)
    if name == "lambda-tracing.json":
        return ["botocore lambda.UpdateFunctionConfiguration"], check_api_input("lambda", "UpdateFunctionConfiguration", data)
    if name == "lambda-adot.json":
        # A partial, merged into the function's configuration when applied: the merged input must be valid.
        merged = {"FunctionName": "f", "Layers": data.get("Layers"), "Environment": data.get("Environment")}
        problems = check_api_input("lambda", "UpdateFunctionConfiguration", merged)
        if data.get("Environment", {}).get("Variables", {}).get("AWS_LAMBDA_EXEC_WRAPPER") != "/opt/otel-instrument":
            problems.append("the AWS OpenTelemetry distro layer needs AWS_LAMBDA_EXEC_WRAPPER=/opt/otel-instrument")
        return ["botocore lambda.UpdateFunctionConfiguration"], problems
    if name == "apigateway-stage-patch.json":
        return ["botocore apigateway.UpdateStage"], check_api_input("apigateway", "UpdateStage", data)
    if name == "encryption.json":
        return ["botocore xray.PutEncryptionConfig"], check_api_input("xray", "PutEncryptionConfig", data)
    if folder == "groups" and name.endswith(".json"):
        problems = check_api_input("xray", "CreateGroup", data)
        insights = data.get("InsightsConfiguration") or {}
        if insights.get("NotificationsEnabled") and not insights.get("InsightsEnabled"):
            problems.append("notifications may only be enabled on a group with InsightsEnabled (botocore's X-Ray documentation)")
        if os.path.splitext(name)[0] != data.get("GroupName"):
            problems.append(f"the file is named after {os.path.splitext(name)[0]}, the group is {data.get('GroupName')}")
        return ["botocore xray.CreateGroup"], problems
    if folder == "sampling" and name == "rules.json":
        problems = [] if isinstance(data, list) and data else ["rules.json must be a non-empty array"]
        for rule in data or []:
            problems += check_api_input("xray", "CreateSamplingRule", rule)
        return ["botocore xray.CreateSamplingRule"], problems
    if folder == "sampling" and name == "rate-boosts.json":
        problems = [] if isinstance(data, list) and data else ["rate-boosts.json must be a non-empty array"]
        for update in data or []:
            problems += check_api_input("xray", "UpdateSamplingRule", update)
            if "SamplingRateBoost" not in update.get("SamplingRuleUpdate", {}):
                problems.append(f"{update}: an update here only sets SamplingRateBoost")
        return ["botocore xray.UpdateSamplingRule"], problems
    if folder == "sampling" and name == "default-rule.json":
        return ["botocore xray.UpdateSamplingRule"], check_api_input("xray", "UpdateSamplingRule", data)
    if folder == "sampling" and name == "local-rules.json":
        return ["aws_xray_sdk LocalSampler"], check_local_rules(data)
    if name == "kms-key-policy-statements.json":
        problems = check_api_input("kms", "PutKeyPolicy", {"KeyId": "k", "PolicyName": "default", "Policy": text})
        # In a key policy, Resource "*" means "this KMS key" (the AWS KMS developer guide, "Key policies"):
        # it is the required form there, unlike the identity policies Parliament's RESOURCE_STAR is about.
        problems += [f"parliament: {f.issue}: {f.detail}" for f in analyze_policy_string(text).findings
                     if f.issue != "RESOURCE_STAR"]
        return ["botocore kms.PutKeyPolicy", "parliament"], problems
    if name == "task-definition.json":
        problems = check_api_input("ecs", "RegisterTaskDefinition", data)
        validators = ["botocore ecs.RegisterTaskDefinition"]
        for container in data.get("containerDefinitions", []):
            for variable in container.get("environment", []):
                if variable.get("name") == "CW_CONFIG_CONTENT":
                    problems += check_cloudwatch_agent_config(variable.get("value", ""))
                    validators.append("CloudWatch agent schema")
        return validators, problems
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
    if folder == "transaction-search" and name == "segment-destination.json":
        return ["botocore xray.UpdateTraceSegmentDestination"], check_api_input("xray", "UpdateTraceSegmentDestination", data)
    if folder == "transaction-search" and name == "indexing-rule.json":
        return ["botocore xray.UpdateIndexingRule"], check_api_input("xray", "UpdateIndexingRule", data)
    if folder == "transaction-search" and name.startswith("logs-resource-policy"):
        problems = check_api_input("logs", "PutResourcePolicy", {"policyName": "xray-transaction-search", "policyDocument": text})
        # A resource policy: X-Ray is the principal, on the two span log groups only (facts §10).
        for statement in data.get("Statement", []):
            if statement.get("Principal") != {"Service": "xray.amazonaws.com"}:
                problems.append(f"the principal must be the X-Ray service, found {statement.get('Principal')}")
            if not all(":log-group:" in arn for arn in statement.get("Resource", [])):
                problems.append("every resource must be a log group")
        return ["botocore logs.PutResourcePolicy"], problems
    if folder == "transaction-search" and name == "enable-permissions.json":
        problems = check_api_input("iam", "CreatePolicy", {"PolicyName": "transaction-search", "PolicyDocument": text})
        return ["botocore iam.CreatePolicy", "moto policy grammar", "parliament"], problems + check_policy(text, trust=False)
    if name == "role-policy.json":
        # The permission added to a Lambda function's current role (its name is looked up when applied).
        problems = check_api_input("iam", "PutRolePolicy", {"RoleName": "function-role", "PolicyName": "xray", "PolicyDocument": text})
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
                validators, found = check_file(relative, text, full)
            except Exception as error:
                validators, found = [], [f"validator crashed: {error!r}"]
            checked[relative] = validators
            problems += [f"{relative}: {problem}" for problem in found]
    json.dump({"checked": checked, "problems": problems}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
