"""Applies generated setups the way a person would: every `aws` command of each generated README,
in order, with the real AWS CLI, against a moto server on loopback; then `aws cloudformation deploy`
of cloudformation.yaml and the README's remaining steps, in a fresh account state. After each
path it asserts the end state through the API.

Usage: apply_readme.py ROUTES MODEL OUT_DIR [ROUTES MODEL OUT_DIR ...]   (prints one JSON report on stdout:
each OUT_DIR's problems, under OUT_DIR, since a model may be applied twice from two folders)

ROUTES is `both` (the CLI path, then the stack path where there is a template) or `cli` (only the
CLI path: every `aws` command of the README).

X-Ray's sampling and encryption APIs are not in moto: a recording stub on loopback answers them,
validates every request with botocore's own request validator, and keeps what each account was
given, so the assertions can ask which account holds which rules.
"""
import ast
import io
import json
import logging
import traceback
import urllib.parse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import botocore.session
import yaml
from botocore.validate import ParamValidator

import moto.awslambda.models as lambda_models
import moto.iam.models as iam_models
import moto.ecs.models as ecs_models
import moto.kms.models as kms_models
import moto.logs.exceptions as logs_exceptions
import moto.logs.responses as logs_responses
from moto.server import ThreadedMotoServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_fork_server  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)

DEFAULT_ACCOUNT = "123456789012"
AGENT_CONTAINERS = {"xray-daemon", "aws-otel-collector", "cloudwatch-agent"}

# --- moto, corrected where it contradicts AWS --------------------------------------------------

_validate = ecs_models.EC2ContainerServiceBackend._validate_container_defs


def _validate_container_defs(memory, container_definitions, requires_compatibilities):
    # botocore's ECS model documents ContainerDefinition.memory: "you must specify a non-zero integer
    # for one or both of memory or memoryReservation in a container definition" (EC2 launch type too);
    # moto 5.2.1 demands `memory` for EC2. Give it the reservation where only that is set.
    patched = [dict(cd, memory=cd["memoryReservation"]) if "memory" not in cd and "memoryReservation" in cd else cd
               for cd in container_definitions]
    return _validate(memory, patched, requires_compatibilities)


ecs_models.EC2ContainerServiceBackend._validate_container_defs = staticmethod(_validate_container_defs)

_update_configuration = lambda_models.LambdaFunction.update_configuration


def _update_configuration_with_tracing(self, config_updates):
    # botocore's lambda.UpdateFunctionConfiguration takes TracingConfig ("Set Mode to Active to sample
    # and trace a subset of incoming requests with X-Ray"); moto 5.2.1 ignores it on update.
    result = _update_configuration(self, config_updates)
    if "TracingConfig" in config_updates:
        self.tracing_config = config_updates["TracingConfig"]
    return result


lambda_models.LambdaFunction.update_configuration = _update_configuration_with_tracing

_get_layers_data = lambda_models.LambdaFunction._get_layers_data


def _get_layers_data_across_accounts(self, layers_versions_arns):
    # The Lambda developer guide ("Adding layers to functions") lets a function use a layer version
    # another account shares, such as AWS's own AWSOpenTelemetryDistro layers; moto 5.2.1 looks every
    # layer up in the function's own account. Layers of other accounts are taken as they are named.
    own = [arn for arn in layers_versions_arns if arn.split(":")[4] == self.account_id]
    data = _get_layers_data(self, own) if own else []
    return data + [{"Arn": arn, "CodeSize": 0} for arn in layers_versions_arns if arn not in own]


lambda_models.LambdaFunction._get_layers_data = _get_layers_data_across_accounts

# moto makes random key IDs; the models name fixed ones. The next key created takes this ID.
_next_key_id = []
_generate_key_id = kms_models.generate_key_id


def _fixed_key_id(*args, **kwargs):
    return _next_key_id.pop() if _next_key_id else _generate_key_id(*args, **kwargs)


kms_models.generate_key_id = _fixed_key_id

# moto's IAM, made cheaper without changing what it answers. Every account's IAM backend loads AWS's
# 1,485 managed policies (MOTO_IAM_LOAD_MANAGED_POLICIES, below): most of this test's CPU time went there.


def _get_account_id_from_made_partitions(access_key):
    # moto 5.2.1 looks an access key up in every partition of every account (aws, aws-cn, aws-us-gov, …),
    # which makes an IAM backend for each partition it touches. A partition whose backend was never made
    # holds no keys, so looking only at those made gives the same answer.
    for account_id, account in list(iam_models.iam_backends.items()):
        for partition in list(account.keys()):
            if access_key in account[partition].access_keys:
                return account_id
    return iam_models.DEFAULT_ACCOUNT_ID


iam_models.get_account_id_from = _get_account_id_from_made_partitions

_aws_policies = []  # (name, keyword arguments): AWS's managed policies, read once instead of per backend


def _init_aws_policies_read_once(self):
    # What IAMBackend._init_aws_policies makes (AWSManagedPolicy.from_data of each), with the JSON read
    # and each document serialised once; every backend still gets policies of its own.
    if not iam_models.load_iam_aws_managed_policies():
        return []
    if not _aws_policies:
        read = [(name, dict(default_version_id=data.get("DefaultVersionId"), path=data.get("Path"),
                            document=json.dumps(data.get("Document")),
                            create_date=datetime.fromisoformat(data["CreateDate"]),
                            update_date=datetime.fromisoformat(data["UpdateDate"])))
                for name, data in json.loads(iam_models.aws_managed_policies_data).items()]
        _aws_policies.extend(read)  # whole or not at all
    return [iam_models.AWSManagedPolicy(name, account_id=self.account_id, region=self.region_name, **fields)
            for name, fields in _aws_policies]


iam_models.IAMBackend._init_aws_policies = _init_aws_policies_read_once

# --- the X-Ray stub ------------------------------------------------------------------------------

XRAY = botocore.session.get_session().get_service_model("xray")
EKS = botocore.session.get_session().get_service_model("eks")
OPERATIONS = {XRAY.operation_model(name).http["requestUri"]: name for name in XRAY.operation_names}


class XRayStub(BaseHTTPRequestHandler):
    records = []  # (account, operation, input, problems)
    rules = {}  # account -> {rule name: rule}
    encryption = {}  # account -> key
    destinations = {}  # account -> trace segment destination (Transaction Search)
    indexing = {}  # account -> indexing percentage
    discovery = set()  # accounts where Application Signals' StartDiscovery ran
    groups = {}  # account -> {group name: CreateGroup input}
    associations = []  # (account, CreatePodIdentityAssociation input): moto 5.2.1 has no EKS Pod Identity

    def log_message(self, *args):
        pass

    def account_of(self):
        access_key = re.search(r"Credential=([^/]+)/", self.headers.get("Authorization", ""))
        return iam_models.get_account_id_from(access_key.group(1)) if access_key else "unsigned"

    def answer(self, answer):
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.split("?")[0] == "/start-discovery":
            # Application Signals' StartDiscovery (moto has no application-signals): no input, empty answer.
            XRayStub.discovery.add(self.account_of())
            return self.answer({})
        pod_identity = re.fullmatch(r"/clusters/([^/]+)/pod-identity-associations", self.path.split("?")[0])
        if pod_identity:
            data = dict(json.loads(body or b"{}"), clusterName=pod_identity.group(1))
            report = ParamValidator().validate(data, EKS.operation_model("CreatePodIdentityAssociation").input_shape)
            problems = [report.generate_report()] if report.has_errors() else []
            XRayStub.records.append((self.account_of(), "CreatePodIdentityAssociation", data, problems))
            XRayStub.associations.append((self.account_of(), data))
            return self.answer({"association": dict(data, associationId="a-0123456789abcdef0")})
        operation = OPERATIONS.get(self.path.split("?")[0])
        account = self.account_of()
        data = json.loads(body or b"{}")
        problems = []
        if operation is None:
            problems.append(f"unknown X-Ray path {self.path}")
        else:
            report = ParamValidator().validate(data, XRAY.operation_model(operation).input_shape)
            if report.has_errors():
                problems.append(report.generate_report())
        XRayStub.records.append((account, operation, data, problems))
        answer = {}
        if operation == "CreateSamplingRule":
            rule = data.get("SamplingRule", {})
            XRayStub.rules.setdefault(account, {})[rule.get("RuleName")] = rule
            answer = {"SamplingRuleRecord": {"SamplingRule": rule}}
        elif operation == "UpdateSamplingRule":
            update = data.get("SamplingRuleUpdate", {})
            XRayStub.rules.setdefault(account, {}).setdefault(update.get("RuleName"), {}).update(update)
            answer = {"SamplingRuleRecord": {"SamplingRule": update}}
        elif operation == "UpdateTraceSegmentDestination":
            # Real X-Ray answers PENDING first; the README's loop then waits for ACTIVE.
            XRayStub.destinations[account] = data.get("Destination")
            answer = {"Destination": data.get("Destination"), "Status": "PENDING"}
        elif operation == "GetTraceSegmentDestination":
            answer = {"Destination": XRayStub.destinations.get(account, "XRay"), "Status": "ACTIVE"}
        elif operation == "UpdateIndexingRule":
            XRayStub.indexing[account] = data["Rule"]["Probabilistic"]["DesiredSamplingPercentage"]
            answer = {"IndexingRule": {"Name": data.get("Name"), "Rule": data.get("Rule")}}
        elif operation == "CreateGroup":
            XRayStub.groups.setdefault(account, {})[data.get("GroupName")] = data
            answer = {"Group": {"GroupName": data.get("GroupName"), "FilterExpression": data.get("FilterExpression"),
                                "GroupARN": f"arn:aws:xray:us-east-1:{account}:group/{data.get('GroupName')}/0"}}
        elif operation == "PutEncryptionConfig":
            XRayStub.encryption[account] = data.get("KeyId")
            answer = {"EncryptionConfig": {"KeyId": data.get("KeyId"), "Status": "ACTIVE", "Type": data.get("Type")}}
        # The reads `xrayctl audit` makes, answered from what the account was given.
        elif operation == "GetSamplingRules":
            answer = {"SamplingRuleRecords": [{"SamplingRule": rule} for _, rule in sorted(XRayStub.rules.get(account, {}).items())]}
        elif operation == "GetEncryptionConfig":
            key = XRayStub.encryption.get(account)
            answer = {"EncryptionConfig": {"KeyId": key, "Status": "ACTIVE", "Type": "KMS"} if key else {"Status": "ACTIVE", "Type": "NONE"}}
        elif operation == "GetGroups":
            answer = {"Groups": [{"GroupName": name, "FilterExpression": group.get("FilterExpression")}
                                 for name, group in sorted(XRayStub.groups.get(account, {}).items())]}
        elif operation == "GetIndexingRules":
            percentage = XRayStub.indexing.get(account)
            answer = {"IndexingRules": [{"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": percentage}}}]
                      if percentage is not None else []}
        self.answer(answer)


LOGS = botocore.session.get_session().get_service_model("logs")


def _associate_kms_key(self):
    # botocore's logs.AssociateKmsKey ("Associates the specified KMS key with either one log group in the
    # account"): moto 5.2.1 has no such operation. The request is validated with botocore as the X-Ray
    # stub's are, and the key is kept on the log group, which DescribeLogGroups then answers with.
    data = json.loads(self.body or "{}")
    report = ParamValidator().validate(data, LOGS.operation_model("AssociateKmsKey").input_shape)
    XRayStub.records.append((self.current_account, "AssociateKmsKey", data,
                             [report.generate_report()] if report.has_errors() else []))
    group = self.logs_backend.groups.get(data.get("logGroupName"))
    if group is None:
        raise logs_exceptions.ResourceNotFoundException()
    group.kms_key_id = data.get("kmsKeyId")
    return ""


logs_responses.LogsResponse.associate_kms_key = _associate_kms_key

# --- one model ---------------------------------------------------------------------------------

class Run:
    def __init__(self, moto_url, stub_url, model_path, out, routes="both"):
        self.moto_url, self.stub_url, self.out, self.routes = moto_url, stub_url, out, routes
        self.model = yaml.safe_load(open(model_path))
        # An account-level model (Transaction Search alone) may have no services.
        self.model["services"] = self.model.get("services") or []
        self.region = self.model["region"]
        self.local = str(self.model.get("account") or DEFAULT_ACCOUNT)
        self.readme = open(os.path.join(out, "README.md")).read()
        # What the stack holds, read from the template itself: the checks after a stack deploy leave
        # those resource types to cfn-lint where moto's CloudFormation does not keep them.
        # The account-wide settings have a template of their own (account/), deployed once per account.
        self.stack_types = set()
        for template in (os.path.join(out, "cloudformation.yaml"), os.path.join(out, "account", "cloudformation.yaml")):
            if os.path.exists(template):
                with open(template, encoding="utf-8") as handle:
                    self.stack_types |= {r["Type"] for r in (yaml.safe_load(handle).get("Resources") or {}).values()}
        self.external = self.model.get("account_settings") == "external"
        self.problems = []
        self.home = tempfile.mkdtemp(prefix="xrayctl-apply-")

    # credentials: one profile per account, each from an assumed role in that account, so moto files
    # every call under the account the command names
    def login(self):
        accounts = {self.local} | set(re.findall(r"--profile ACCOUNT_(\d{12})", self.readme))
        self.credentials = {}
        self.clients = {}
        lines = []
        sts = boto3.client("sts", endpoint_url=self.moto_url, region_name=self.region,
                           aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x")
        for account in sorted(accounts):
            creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/xrayctl-apply", RoleSessionName="apply")["Credentials"]
            self.credentials[account] = creds
            for profile in (["default"] if account == self.local else []) + [f"ACCOUNT_{account}"]:
                lines += [f"[{profile}]", f"aws_access_key_id = {creds['AccessKeyId']}",
                          f"aws_secret_access_key = {creds['SecretAccessKey']}", f"aws_session_token = {creds['SessionToken']}", ""]
        with open(os.path.join(self.home, "credentials"), "w") as f:
            f.write("\n".join(lines))
        # Every profile has the model's region, as a person's profiles would.
        with open(os.path.join(self.home, "config"), "w") as f:
            for account in sorted(accounts):
                f.write(f"[profile ACCOUNT_{account}]\nregion = {self.region}\n")
            f.write(f"[default]\nregion = {self.region}\n")

    def client(self, service, account=None):
        # One client per service and account for as long as the login's credentials hold: making a
        # boto3 client costs more than most of the calls made with it.
        creds = self.credentials[account or self.local]
        key = (service, creds["AccessKeyId"])
        if key not in self.clients:
            self.clients[key] = boto3.client(service, endpoint_url=self.moto_url, region_name=self.region,
                                             aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                                             aws_session_token=creds["SessionToken"])
        return self.clients[key]

    def services(self, platform):
        return [s for s in self.model["services"] if s["platform"] == platform]

    # what the README's "Before you start" asks for
    def prerequisites(self):
        iam = self.client("iam")
        lambda_trust = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
        ec2_trust = lambda_trust.replace("lambda.amazonaws.com", "ec2.amazonaws.com")
        if any(s["platform"].startswith("ecs-") for s in self.model["services"]):
            self.client("ecs").create_cluster(clusterName=self.model.get("cluster") or "default")
        # Roles the README only adds to (put-role-policy without create-role) exist already.
        created = set(re.findall(r"create-role(?: --profile \S+)? --role-name (\S+)", self.readme))
        for name in sorted(set(re.findall(r"put-role-policy --role-name (\S+)", self.readme)) - created - {'"$ROLE_NAME"'}):
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=ec2_trust)
        self.function_roles = {}
        for service in self.services("lambda"):
            name = service["function_name"].split(":")[-1] if service["function_name"].startswith("arn:") else service["function_name"]
            # The function runs with the role the model names, or with one of its own.
            given = service.get("role", "keep")
            role = given.split("/")[-1] if given.startswith("arn:") else f"{name}-own-role"
            try:
                arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=lambda_trust)["Role"]["Arn"]
            except iam.exceptions.EntityAlreadyExistsException:
                arn = iam.get_role(RoleName=role)["Role"]["Arn"]
            iam.put_role_policy(RoleName=role, PolicyName="app", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
            code = io.BytesIO()
            with zipfile.ZipFile(code, "w") as z:
                z.writestr("index.py", "def handler(event, context):\n    return event\n")
            # A variable of its own, which adding the ADOT layer must keep.
            self.client("lambda").create_function(FunctionName=name, Runtime="python3.12", Role=arn, Handler="index.handler",
                                                  Code={"ZipFile": code.getvalue()}, Environment={"Variables": {"APP_SETTING": "kept"}})
            self.function_roles[name] = arn
        apigateway = self.client("apigateway")
        for service in self.services("api-gateway"):
            api = apigateway.create_rest_api(name=service["name"], tags={"_custom_id_": service["rest_api_id"]})
            root = apigateway.get_resources(restApiId=api["id"])["items"][0]["id"]
            apigateway.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
            apigateway.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
            apigateway.create_deployment(restApiId=api["id"], stageName=service["stage"])
        key = (self.model.get("encryption") or {}).get("kms_key")
        if key:
            owner = key.split(":")[4] if key.startswith("arn:") else self.local
            kms = self.client("kms", owner if owner in self.credentials else None)
            if ":alias/" in key or key.startswith("alias/"):
                created_key = kms.create_key()["KeyMetadata"]["KeyId"]
                kms.create_alias(AliasName="alias/" + key.split("alias/")[1], TargetKeyId=created_key)
            else:
                _next_key_id.append(key.split("/")[-1])
                kms.create_key()
        if (self.model.get("traces") or {}).get("transaction_search", False) is not False:
            # X-Ray creates aws/spans when the destination turns ACTIVE; moto has no X-Ray, so the log
            # group the README then encrypts is made here, in every account traces land in.
            for account in self.trace_accounts():
                self.client("logs", account).create_log_group(logGroupName="aws/spans")

    def trace_accounts(self):
        agents = [s for s in self.model["services"] if s["platform"] in
                  ("ecs-ec2-daemon", "ecs-ec2-sidecar", "ecs-fargate", "ec2", "elastic-beanstalk", "eks")]
        target = ((self.model.get("agent") or {}).get("cross_account_role") or "").split(":")[4:5]
        accounts = {target[0] if target else self.local} if agents else set()
        if self.services("lambda") or self.services("api-gateway") or not accounts:
            accounts.add(self.local)
        return sorted(accounts)

    # the README's commands, as a shell script run from the output directory
    def script(self, block):
        # An x86-64 Amazon Linux 2 image, as a person would pick for an agent's host; asked only where a
        # command needs one, and filtered: unfiltered, moto answers DescribeImages with every image it has
        # for the region (1,177 in us-east-1), serialised as XML, over a second of CPU each time.
        ami = "AMI_ID"
        if "AMI_ID" in block:
            images = self.client("ec2").describe_images(Filters=[{"Name": "name", "Values": ["amzn2-ami-hvm-*"]},
                                                                 {"Name": "architecture", "Values": ["x86_64"]}])["Images"]
            ami = images[0]["ImageId"]
        lines = ["set -euo pipefail"]
        for line in block.splitlines():
            if line.startswith("# add the statements of "):
                path = line.split("# add the statements of ")[1].split(" ")[0]
                # The one manual step: merge the generated statements into the key policy.
                lines.append("python3 -c 'import json,sys; p=json.load(open(\"key-policy.json\")); "
                             "p[\"Statement\"] += json.load(open(sys.argv[1]))[\"Statement\"]; "
                             f"json.dump(p, open(\"key-policy.json\", \"w\"))' {path}")
            elif line.startswith("eb "):
                lines.append("true  # eb deploy needs an Elastic Beanstalk environment; validate.py checks the .ebextensions")
            elif "kubectl " in line or line.startswith("aws eks update-kubeconfig "):
                # No Kubernetes API here: validate.py checks every manifest and patch with kubernetes-validate.
                lines.append("true  # " + line.replace("$(", "(").replace("`", ""))
            else:
                lines.append(line.replace("AMI_ID", ami))
        return "\n".join(lines) + "\n"

    def run_script(self, text, label):
        env = dict(os.environ, AWS_ENDPOINT_URL=self.moto_url, AWS_ENDPOINT_URL_XRAY=self.stub_url,
                   AWS_ENDPOINT_URL_APPLICATION_SIGNALS=self.stub_url, AWS_ENDPOINT_URL_EKS=self.stub_url,
                   AWS_SHARED_CREDENTIALS_FILE=os.path.join(self.home, "credentials"),
                   AWS_CONFIG_FILE=os.path.join(self.home, "config"), HOME=self.home, AWS_PAGER="")
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"]:
            env.pop(name, None)
        result = subprocess.run(["bash", "-c", text], cwd=self.out, env=env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            self.problems.append(f"{label}: exit {result.returncode}: {result.stderr.strip()[-1500:]}")
        return result.returncode == 0

    def blocks(self):
        apply = self.readme.split("## Apply")[1].split("## Notes")[0]
        blocks = re.findall(r"```sh\n(.*?)```", apply, re.S)
        return blocks

    # what must be true afterwards, asked of the API
    def check(self, label, via_stack):
        ecs, iam = self.client("ecs"), self.client("iam")
        logs_off = (self.model.get("logs") or {}).get("driver") == "none"
        for root, _, files in os.walk(self.out):
            if "task-definition.json" not in files:
                continue
            family = json.load(open(os.path.join(root, "task-definition.json")))["family"]
            task = ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]
            names = {c["name"] for c in task["containerDefinitions"]}
            if not names & AGENT_CONTAINERS and not any(s["platform"] == "ecs-ec2-daemon" for s in self.model["services"]):
                self.problems.append(f"{label}: task {family} has no agent")
            for container in task["containerDefinitions"]:
                if not logs_off and not container.get("logConfiguration"):
                    self.problems.append(f"{label}: {family}/{container['name']} has no log configuration")
        for name in sorted(os.listdir(os.path.join(self.out, "iam")) if os.path.isdir(os.path.join(self.out, "iam")) else []):
            role, kind = name.rsplit(".", 2)[0], name.rsplit(".", 2)[1]
            if kind not in ("trust", "policy"):
                continue
            account = self.role_account(role)
            client = self.client("iam", account)
            try:
                found = client.get_role(RoleName=role)["Role"]
            except Exception as error:
                self.problems.append(f"{label}: role {role} missing in account {account}: {error}")
                continue
            generated = json.load(open(os.path.join(self.out, "iam", name)))
            if via_stack:
                # The template writes the account placeholder as ${AWS::AccountId}.
                generated = json.loads(json.dumps(generated).replace("ACCOUNT_ID", self.local))
            existing = not os.path.exists(os.path.join(self.out, "iam", f"{role}.trust.json"))
            if via_stack and existing and self.role_account(role) == self.local:
                # The template gives an existing role its policy with AWS::IAM::RolePolicy, which moto's
                # CloudFormation does not implement; cfn-lint checks that resource instead.
                continue
            if kind == "trust":
                document = self.partitioned(as_json(found["AssumeRolePolicyDocument"]), via_stack)
                if canonical(document) != canonical(generated):
                    self.problems.append(f"{label}: role {role} trusts {document}, not the generated trust")
            else:
                policy = client.get_role_policy(RoleName=role, PolicyName="xray")["PolicyDocument"]
                policy = self.partitioned(as_json(policy), via_stack)
                if canonical(policy) != canonical(generated):
                    self.problems.append(f"{label}: role {role}'s xray policy differs from the generated one")
        lam = self.client("lambda")
        for name, role in self.function_roles.items():
            configuration = lam.get_function_configuration(FunctionName=name)
            service = next(s for s in self.services("lambda") if s["function_name"].endswith(name))
            if service.get("role", "keep") != "generate" and configuration["Role"] != role:
                self.problems.append(f"{label}: function {name} lost its role ({configuration['Role']})")
            if configuration.get("TracingConfig", {}).get("Mode") != "Active":
                self.problems.append(f"{label}: function {name} is not traced")
            role_name = configuration["Role"].split("/")[-1]
            actions = json.dumps([iam.get_role_policy(RoleName=role_name, PolicyName=p)["PolicyDocument"]
                                  for p in iam.list_role_policies(RoleName=role_name)["PolicyNames"]])
            # (In the stack path a named role gets its policy from AWS::IAM::RolePolicy, which moto lacks.)
            named = service.get("role", "keep").startswith("arn:")
            if "xray:PutTraceSegments" not in actions and not (via_stack and named):
                self.problems.append(f"{label}: function {name}'s role may not upload traces")
            if "s3:GetObject" not in actions and service.get("role", "keep") != "generate":
                self.problems.append(f"{label}: function {name}'s role lost its own permissions")
            if service.get("instrumentation") == "adot":
                layers = [layer["Arn"] for layer in configuration.get("Layers", [])]
                variables = (configuration.get("Environment") or {}).get("Variables") or {}
                if service["adot_layer"] not in layers:
                    self.problems.append(f"{label}: function {name} lacks the ADOT layer ({layers})")
                if variables.get("AWS_LAMBDA_EXEC_WRAPPER") != "/opt/otel-instrument" or variables.get("APP_SETTING") != "kept":
                    self.problems.append(f"{label}: function {name}'s variables are {variables}")
                attached = [p["PolicyName"] for p in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]]
                # moto 5.2.1's CloudFormation creates AWS::IAM::Role without its ManagedPolicyArns
                # (iam/models.py Role.create_from_cloudformation_json): a stack-made role is not judged on them.
                stack_made = via_stack and service.get("role") == "generate"
                if self.model.get("application_signals") and not stack_made and "CloudWatchLambdaApplicationSignalsExecutionRolePolicy" not in attached:
                    self.problems.append(f"{label}: function {name}'s role lacks the Application Signals policy ({attached})")
        apigateway = self.client("apigateway")
        for service in self.services("api-gateway"):
            stage = apigateway.get_stage(restApiId=service["rest_api_id"], stageName=service["stage"])
            if not stage.get("tracingEnabled"):
                self.problems.append(f"{label}: stage {service['stage']} is not traced")
        self.check_xray(label, via_stack)
        self.check_eks(label, via_stack)

    def check_xray(self, label, via_stack):
        agents = [s for s in self.model["services"] if s["platform"] in
                  ("ecs-ec2-daemon", "ecs-ec2-sidecar", "ecs-fargate", "ec2", "elastic-beanstalk", "eks")]
        target = ((self.model.get("agent") or {}).get("cross_account_role") or "").split(":")[4:5]
        agent_account = target[0] if target else self.local
        expected = set()
        if agents:
            expected.add(agent_account)
        if self.services("api-gateway"):
            expected.add(self.local)
        rules = [r["name"] for r in (self.model.get("sampling") or {}).get("rules", [])]
        for account in sorted(expected if rules else []):
            if self.in_stack("AWS::XRay::SamplingRule", via_stack, account):
                continue  # the stack's rules are moto's AWS::XRay::SamplingRule, which it does not keep
            prefix = self.model["project"]
            held = set(XRayStub.rules.get(account, {}))
            missing = [r for r in rules if r not in held and f"{prefix}-{r}" not in held]
            if missing:
                self.problems.append(f"{label}: account {account} lacks the sampling rules {missing} (has {sorted(held)})")
        if self.model.get("encryption"):
            accounts = set(XRayStub.encryption)
            traces = {agent_account} if agents else set()
            if self.services("lambda") or self.services("api-gateway"):
                traces.add(self.local)
            if not traces <= accounts:
                self.problems.append(f"{label}: encryption set in {sorted(accounts)}, traces land in {sorted(traces)}")
        if self.model.get("application_signals") and not self.external and not self.in_stack(
                "AWS::ApplicationSignals::Discovery", via_stack) and self.local not in XRayStub.discovery:
            self.problems.append(f"{label}: Application Signals' start-discovery did not run in {self.local}")
        landing = {agent_account} if agents else set()
        if self.services("lambda") or self.services("api-gateway"):
            landing.add(self.local)
        self.check_groups(label, via_stack, landing or {self.local})
        search = (self.model.get("traces") or {}).get("transaction_search", False)
        key = (self.model.get("encryption") or {}).get("kms_key")
        if search is not False and key and not self.external:
            # The spans' log group takes the model's key too (AssociateKmsKey), in every account traces land in.
            for account in self.trace_accounts():
                groups = self.client("logs", account).describe_log_groups(logGroupNamePrefix="aws/spans")["logGroups"]
                found = [g.get("kmsKeyId") for g in groups if g["logGroupName"] == "aws/spans"]
                if not found or not found[0] or (":key/" in key and found[0].split("/")[-1] != key.split("/")[-1]):
                    self.problems.append(f"{label}: aws/spans in account {account} is encrypted with {found}, not {key}")
        if search is not False and not self.external:
            traces = {agent_account} if agents else set()
            if self.services("lambda") or self.services("api-gateway"):
                traces.add(self.local)
            # The stack's AWS::XRay::TransactionSearchConfig is not something moto's CloudFormation keeps.
            expected = {a for a in traces if not self.in_stack("AWS::XRay::TransactionSearchConfig", via_stack, a)}
            on = {a for a, d in XRayStub.destinations.items() if d == "CloudWatchLogs"}
            indexed = set(XRayStub.indexing)
            if not expected <= on or not expected <= indexed:
                self.problems.append(f"{label}: Transaction Search on in {sorted(on)}, indexed in {sorted(indexed)}; traces land in {sorted(expected)}")
            for account in expected:
                logs = self.client("logs", account)
                names = [p["policyName"] for p in logs.describe_resource_policies()["resourcePolicies"]]
                if not any(n.endswith("-xray-transaction-search") for n in names):
                    self.problems.append(f"{label}: no logs resource policy for X-Ray in account {account} ({names})")

    def check_groups(self, label, via_stack, traces):
        groups = [g["name"] for g in self.model.get("groups") or []]
        for account in sorted(traces if groups else []):
            if self.in_stack("AWS::XRay::Group", via_stack, account):
                continue  # the stack's AWS::XRay::Group is not something moto's CloudFormation keeps
            held = XRayStub.groups.get(account, {})
            missing = [g for g in groups if f"{self.model['project']}-{g}" not in held]
            if missing:
                self.problems.append(f"{label}: account {account} lacks the groups {missing} (has {sorted(held)})")

    def in_stack(self, kind, via_stack, account=None):
        """Whether the stack just deployed did this (a resource of `kind` in the model's account)."""
        return via_stack and kind in self.stack_types and (account is None or account == self.local)

    def check_eks(self, label, via_stack):
        eks = self.services("eks")
        if not eks or self.in_stack("AWS::EKS::PodIdentityAssociation", via_stack):
            return  # the stack's AWS::EKS::PodIdentityAssociation is not something moto's CloudFormation keeps
        if any(s.get("identity", "pod-identity") != "pod-identity" for s in eks):
            return
        agent = (self.model.get("agent") or {})
        names = {"xray-daemon": "xray-daemon", "adot": "aws-otel-collector", "cloudwatch-agent": "cloudwatch-agent"}
        account = names[agent.get("kind", "xray-daemon")]
        expected = {(s["cluster"], agent.get("namespace", "xray-system"), account) for s in eks}
        made = {(d["clusterName"], d["namespace"], d["serviceAccount"]) for a, d in XRayStub.associations if a == self.local}
        if not expected <= made:
            self.problems.append(f"{label}: Pod Identity associations {sorted(made)}, expected {sorted(expected)}")
        iam = self.client("iam")
        for _, data in XRayStub.associations:
            role = data["roleArn"].split("/")[-1]
            trust = iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"]
            if "pods.eks.amazonaws.com" not in json.dumps(trust):
                self.problems.append(f"{label}: role {role} does not trust pods.eks.amazonaws.com")

    def partitioned(self, document, via_stack):
        # moto's CloudFormation resolves AWS::Partition to "aws" in every region (cloudformation/parsing.py);
        # CloudFormation itself gives the region's partition (aws-cn in China), as the generated files have.
        partition = self.model.get("partition", "aws")
        if not via_stack or partition == "aws":
            return document
        return json.loads(json.dumps(document).replace('"arn:aws:', f'"arn:{partition}:'))

    def role_account(self, role):
        trust_path = os.path.join(self.out, "iam", f"{role}.trust.json")
        target = (self.model.get("agent") or {}).get("cross_account_role") or ""
        if target.endswith(f"/{role}") and os.path.exists(trust_path):
            return target.split(":")[4]
        return self.local

    def apply(self):
        blocks = self.blocks()
        # 1. everything with the CLI
        reset(self.moto_url)
        self.login()
        self.prerequisites()
        if self.run_script(self.script(blocks[-1]), "CLI"):
            self.check("CLI", via_stack=False)
        # 2. the stack, then what remains
        if self.routes == "both" and os.path.exists(os.path.join(self.out, "cloudformation.yaml")):
            reset(self.moto_url)
            self.login()
            self.prerequisites()
            deploy = blocks[0]
            remaining = blocks[1] if len(blocks) == 3 else ""
            if self.run_script(self.script(deploy + remaining), "stack"):
                self.check("stack", via_stack=True)
        problems = [p for record in XRayStub.records for p in record[3]]
        self.problems += [f"X-Ray request rejected by botocore: {p}" for p in problems]
        return self.problems


def as_json(document):
    # IAM answers policy documents URL-encoded; boto3 decodes some and not others. moto's
    # CloudFormation stores a template's mapping as its Python repr; read that form too.
    if not isinstance(document, str):
        return document
    text = urllib.parse.unquote(document)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return ast.literal_eval(text)


def canonical(document):
    def normal(value):
        if isinstance(value, dict):
            return {k: normal(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            items = [normal(v) for v in value]
            return sorted(items, key=json.dumps) if all(isinstance(i, str) for i in items) else items
        return value
    return json.dumps(normal(document), sort_keys=True)


def reset(moto_url):
    import urllib.request
    # moto's reset makes every account's backends anew and then drops them (BackendDict.reset); for
    # IAM, making one anew loads 1,485 AWS managed policies. Dropped first, IAM backends are made
    # again only for the accounts the next run uses, as any new account's are.
    iam_models.iam_backends.clear()
    urllib.request.urlopen(urllib.request.Request(moto_url + "/moto-api/reset", method="POST")).read()
    XRayStub.records.clear()
    XRayStub.rules.clear()
    XRayStub.encryption.clear()
    XRayStub.destinations.clear()
    XRayStub.indexing.clear()
    XRayStub.discovery.clear()
    XRayStub.groups.clear()
    XRayStub.associations.clear()
    _next_key_id.clear()


def start_warm_cli():
    """Puts a warm `aws` (aws_fork_server.py) first on PATH for the scripts; XRAYCTL_APPLY_COLD_AWS=1
    keeps the installed `aws` script, a process per command, as a person's shell would run it."""
    if os.environ.get("XRAYCTL_APPLY_COLD_AWS") == "1":
        return None
    directory = tempfile.mkdtemp(prefix="xrayctl-aws-")
    socket_path = os.path.join(directory, "socket")
    server = subprocess.Popen([sys.executable, "-W", "ignore", aws_fork_server.__file__, socket_path],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    if server.stdout.readline().strip() != "ready":
        server.kill()
        shutil.rmtree(directory, ignore_errors=True)
        raise RuntimeError("the warm AWS CLI server did not start")
    aws_fork_server.install_client(directory, socket_path)
    os.environ["PATH"] = directory + os.pathsep + os.environ.get("PATH", "")
    return server, directory


def stop_warm_cli(warm):
    if warm is None:
        return
    server, directory = warm
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(directory, ignore_errors=True)


def main():
    # moto loads AWS's managed policies (AmazonECSTaskExecutionRolePolicy, …) only when asked.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
    runs = list(zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]))
    if len(sys.argv) % 3 != 1 or any(routes not in ("both", "cli") for routes, _, _ in runs):
        sys.exit("usage: apply_readme.py ROUTES MODEL OUT_DIR [ROUTES MODEL OUT_DIR ...] (ROUTES: both or cli)")
    # Port 0 everywhere: the servers bind free ports themselves (choosing one first races with other
    # tests, and ThreadedMotoServer.start waits for ever if its bind fails).
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    moto_port = server.get_host_and_port()[1]
    stub = ThreadingHTTPServer(("127.0.0.1", 0), XRayStub)
    stub_port = stub.server_address[1]
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    warm = start_warm_cli()
    report = {}
    try:
        for routes, model, out in runs:
            run = None
            try:
                run = Run(f"http://127.0.0.1:{moto_port}", f"http://127.0.0.1:{stub_port}", model, out, routes)
                report[out] = run.apply()
            except Exception as error:  # a failure of the harness is a problem too, named
                report[out] = [f"harness: {type(error).__name__}: {error}: {traceback.format_exc()[-800:]}"]
            finally:
                # The AWS CLI home made for the run (credentials, profiles): nothing stays in the temporary folder.
                if run is not None and getattr(run, "home", None):
                    shutil.rmtree(run.home, ignore_errors=True)
    finally:
        stub.shutdown()
        server.stop()
        stop_warm_cli(warm)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
