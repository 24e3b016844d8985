#!/usr/bin/env python3
"""An organisation for `xrayctl audit`'s tests: moto's server on loopback with IAM enforcement on,
apply_readme.py's recording X-Ray stub for the X-Ray reads moto lacks, and audit_read_stub.py for the
Elastic Beanstalk and EKS reads moto lacks (botocore-validated).

Usage: audit_account.py
Creates an organisation (the management account 123456789012), three member accounts, and in each an
`xrayctl-audit` role: two may read, the third may not (its audit must be reported and skipped). Seeds
the two readable accounts in us-east-1 and eu-west-1 with known defects and with clean resources,
then prints one JSON line (the endpoints, the caller's keys, the accounts, and the ARNs seeded) and
serves until standard input closes. Every value that looks like a secret is listed under "secrets"
so the test can check none of it is ever printed.
"""
import io
import json
import os
import sys
import threading
import zipfile

os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
    os.environ.pop(name, None)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boto3  # noqa: E402
from http.server import ThreadingHTTPServer  # noqa: E402
from moto import settings  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

from apply_readme import XRayStub  # noqa: E402  (the recording stub; importing it also applies its moto corrections)
from audit_read_stub import ReadStub  # noqa: E402  (the Elastic Beanstalk and EKS reads moto lacks)
import moto.iam.access_control as access_control  # noqa: E402

_create_aws_request = access_control.IAMRequestBase._create_aws_request


def _create_aws_request_without_body(self):
    # SigV4 (AWS General Reference, "Create a canonical request") hashes the request's payload, which a
    # GET does not have: botocore signs it over the empty string. moto 5.2.1, enforcing IAM, recomputes
    # the signature over the parameters it parsed instead, so every GET (Lambda ListFunctions, API
    # Gateway GetRestApis) fails with SignatureDoesNotMatch, boto3's own included.
    request = _create_aws_request(self)
    if not self._body and self._method in ("GET", "HEAD"):
        request.data = b""
    return request


access_control.IAMRequestBase._create_aws_request = _create_aws_request_without_body

MANAGEMENT = "123456789012"
ROLE = "xrayctl-audit"
REGIONS = ("us-east-1", "eu-west-1")
# What the audit role may do in the readable accounts. moto names some actions after its own handlers
# rather than IAM's (API Gateway's), so whole services are allowed here; the least-privilege policy
# is checked against IAM's grammar elsewhere.
READ = ["ecs:*", "lambda:*", "apigateway:*", "iam:Get*", "iam:List*", "logs:Describe*", "xray:*", "sts:GetCallerIdentity"]


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trust(principal):
    return policy({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})


def zipped():
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return event\n")
    return code.getvalue()


def seed_beanstalk_and_eks(iam, account, region, seeded, listed):
    """Elastic Beanstalk environments and EKS clusters, in the read stub, with roles in moto's IAM."""
    ec2_trust = trust({"Service": "ec2.amazonaws.com"})
    pods_trust = policy({"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]})
    iam.create_role(RoleName="web-without-xray", AssumeRolePolicyDocument=ec2_trust)
    iam.put_role_policy(RoleName="web-without-xray", PolicyName="app", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}))
    iam.create_role(RoleName="web-with-xray", AssumeRolePolicyDocument=ec2_trust)
    iam.attach_role_policy(RoleName="web-with-xray", PolicyArn="arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")
    agent_without = iam.create_role(RoleName="cw-agent-without-xray", AssumeRolePolicyDocument=pods_trust)["Role"]["Arn"]
    iam.put_role_policy(RoleName="cw-agent-without-xray", PolicyName="logs", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}))
    collector = iam.create_role(RoleName="collector-with-xray", AssumeRolePolicyDocument=pods_trust)["Role"]["Arn"]
    iam.attach_role_policy(RoleName="collector-with-xray", PolicyArn="arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")

    # Beanstalk: X-Ray on with an instance profile whose role cannot upload (XR306), and a clean one.
    for name, profile in (("web-broken", "web-without-xray"), ("web-clean", "web-with-xray")):
        arn = f"arn:aws:elasticbeanstalk:{region}:{account}:environment/shop/{name}"
        ReadStub.environments.setdefault((account, region), []).append(
            {"EnvironmentName": name, "EnvironmentArn": arn, "ApplicationName": "shop", "Status": "Ready"})
        ReadStub.settings[(account, region, name)] = [
            {"Namespace": "aws:elasticbeanstalk:xray", "OptionName": "XRayEnabled", "Value": "true"},
            {"Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "IamInstanceProfile", "Value": profile},
            {"Namespace": "aws:elasticbeanstalk:environment", "OptionName": "EnvironmentType", "Value": "LoadBalanced"},
            # Beanstalk lists options without a value too.
            {"Namespace": "aws:autoscaling:launchconfiguration", "OptionName": "EC2KeyName"},
        ]
        listed(account, region, "beanstalk-environment", arn, ["xray-daemon beanstalk"], [])
        (seeded["defects"].append({"rule": "XR306", "arn": arn}) if name == "web-broken" else seeded["clean"].append(arn))

    # EKS: the CloudWatch Observability add-on's agent under Pod Identity with a role that cannot upload
    # (XR812); an ADOT cluster whose collector's role can.
    for cluster, addon, version, namespace, service_account, role in (
            ("apps", "amazon-cloudwatch-observability", "v3.1.0-eksbuild.1", "amazon-cloudwatch", "cloudwatch-agent", agent_without),
            ("traced", "adot", "v0.109.0-eksbuild.1", "opentelemetry", "adot-collector", collector)):
        association_id = "a-" + (cluster + "0" * 17)[:17]
        association = f"arn:aws:eks:{region}:{account}:podidentityassociation/{cluster}/{association_id}"
        ReadStub.clusters.setdefault((account, region), {})[cluster] = {
            "addons": {addon: {"addonName": addon, "clusterName": cluster, "status": "ACTIVE", "addonVersion": version,
                               "addonArn": f"arn:aws:eks:{region}:{account}:addon/{cluster}/{addon}/0000"}},
            "associations": {association_id: {"clusterName": cluster, "namespace": namespace, "serviceAccount": service_account,
                                              "roleArn": role, "associationArn": association, "associationId": association_id}},
        }
        cluster_arn = f"arn:aws:eks:{region}:{account}:cluster/{cluster}"
        agent = ("cloudwatch-agent " if addon != "adot" else "adot ") + version
        listed(account, region, "eks-cluster", cluster_arn, [agent], [])
        if cluster == "apps":
            seeded["defects"].append({"rule": "XR812", "arn": association})
        else:
            seeded["clean"] += [cluster_arn, association]


def main():
    settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")  # seeding is unauthenticated; the audit is not
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    moto = "http://127.0.0.1:%d" % server.get_host_and_port()[1]
    stub = ThreadingHTTPServer(("127.0.0.1", 0), XRayStub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    stub_url = "http://127.0.0.1:%d" % stub.server_address[1]
    reads = ThreadingHTTPServer(("127.0.0.1", 0), ReadStub)
    threading.Thread(target=reads.serve_forever, daemon=True).start()
    reads_url = "http://127.0.0.1:%d" % reads.server_address[1]

    def client(service, account=MANAGEMENT, region="us-east-1"):
        if account == MANAGEMENT:
            keys = dict(aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="setup")
        else:
            creds = boto3.client("sts", endpoint_url=moto, region_name=region, aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                 aws_secret_access_key="setup").assume_role(
                RoleArn=f"arn:aws:iam::{account}:role/seed", RoleSessionName="seed")["Credentials"]
            keys = dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                        aws_session_token=creds["SessionToken"])
        return boto3.client(service, endpoint_url=moto, region_name=region, **keys)

    org = client("organizations")
    org.create_organization(FeatureSet="ALL")
    accounts = []
    for name in ("workloads-a", "workloads-b", "locked"):
        status = org.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]
        accounts.append(status["AccountId"])
    readable, locked = accounts[:2], accounts[2]

    # The caller: a user of the management account that may list the organisation and assume roles.
    iam = client("iam")
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="audit", PolicyDocument=policy(
        {"Effect": "Allow", "Action": ["organizations:ListAccounts", "sts:AssumeRole", "sts:GetCallerIdentity"], "Resource": "*"}))
    key = iam.create_access_key(UserName="auditor")["AccessKey"]

    # ListAccounts lists the management account too: it holds the audit role like every member (no workloads).
    for account in [MANAGEMENT] + accounts:
        member = client("iam", account)
        # moto evaluates a same-account trust policy and does not read `root` as the account's users: the
        # management account's role names the auditor itself.
        principal = f"arn:aws:iam::{MANAGEMENT}:" + ("user/auditor" if account == MANAGEMENT else "root")
        member.create_role(RoleName=ROLE, AssumeRolePolicyDocument=trust({"AWS": principal}))
        allowed = READ if account != locked else ["s3:GetObject"]
        member.put_role_policy(RoleName=ROLE, PolicyName="read", PolicyDocument=policy(
            {"Effect": "Allow", "Action": allowed, "Resource": "*"}))

    # "inventory": every workload the audit must list, with its agents and SDK signs, as seeded.
    seeded = {"defects": [], "clean": [], "inventory": []}

    def listed(account, region, kind, arn, agents, signals):
        seeded["inventory"].append({"account": account, "region": region, "kind": kind, "arn": arn,
                                    "agents": agents, "sdkSignals": sorted(signals)})
    secrets = [key["SecretAccessKey"], "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSEEDEDSECRET"]
    lambda_trust = trust({"Service": "lambda.amazonaws.com"})
    task_trust = trust({"Service": "ecs-tasks.amazonaws.com"})
    for index, account in enumerate(readable):
        iam = client("iam", account)
        bare = iam.create_role(RoleName="fn-without-xray", AssumeRolePolicyDocument=lambda_trust)["Role"]["Arn"]
        iam.put_role_policy(RoleName="fn-without-xray", PolicyName="app", PolicyDocument=policy(
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}))
        writer = iam.create_role(RoleName="fn-with-xray", AssumeRolePolicyDocument=lambda_trust)["Role"]["Arn"]
        iam.attach_role_policy(RoleName="fn-with-xray", PolicyArn="arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")
        task_role = iam.create_role(RoleName="task-with-xray", AssumeRolePolicyDocument=task_trust)["Role"]["Arn"]
        iam.attach_role_policy(RoleName="task-with-xray", PolicyArn="arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")
        for region in REGIONS if index == 0 else REGIONS[:1]:
            ecs = client("ecs", account, region)
            ecs.create_cluster(clusterName="apps")
            # Clean: a pinned daemon with its task role, UDP and TCP 2000, memory and logs, beside an app.
            clean = ecs.register_task_definition(
                family="clean-app", networkMode="awsvpc", taskRoleArn=task_role, requiresCompatibilities=["EC2"],
                containerDefinitions=[
                    {"name": "app", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 256, "essential": True,
                     "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "127.0.0.1:2000"}],
                     "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "apps", "awslogs-region": region, "awslogs-stream-prefix": "app"}}},
                    {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.3.14", "memory": 64, "essential": True,
                     "command": ["-m", "16"],
                     "portMappings": [{"containerPort": 2000, "protocol": "udp"}, {"containerPort": 2000, "protocol": "tcp"}],
                     "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "apps", "awslogs-region": region, "awslogs-stream-prefix": "xray"}}},
                ])["taskDefinition"]["taskDefinitionArn"]
            ecs.create_service(cluster="apps", serviceName="clean-app", taskDefinition=clean, desiredCount=1)
            seeded["clean"].append(clean)
            listed(account, region, "ecs-task-definition", clean, ["xray-daemon 3.3.14"], ["AWS_XRAY_DAEMON_ADDRESS"])
            if region == "us-east-1":
                # Defects: the daemon runs without a task role (XR107), unpinned (XR110), and an app
                # container carries access keys in its plain environment (XR117).
                broken = ecs.register_task_definition(
                    family="broken-app", networkMode="awsvpc", requiresCompatibilities=["EC2"],
                    containerDefinitions=[
                        {"name": "app", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 256, "essential": True,
                         "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "127.0.0.1:2000"},
                                         {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7SEEDED1"},
                                         {"name": "AWS_SECRET_ACCESS_KEY", "value": secrets[1]}]},
                        {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:latest", "memory": 64, "essential": True,
                         "command": ["-m", "16"],
                         "portMappings": [{"containerPort": 2000, "protocol": "udp"}, {"containerPort": 2000, "protocol": "tcp"}]},
                    ])["taskDefinition"]["taskDefinitionArn"]
                ecs.create_service(cluster="apps", serviceName="broken-app", taskDefinition=broken, desiredCount=1)
                # A DAEMON service on Fargate, which ECS does not run (XR109), found at the service.
                daemon = ecs.create_service(cluster="apps", serviceName="agent", taskDefinition=clean, schedulingStrategy="DAEMON",
                                            launchType="FARGATE")["service"]["serviceArn"]
                seeded["defects"].append({"rule": "XR109", "arn": daemon})
                # A revision no service runs: not read.
                ecs.register_task_definition(family="unused", containerDefinitions=[
                    {"name": "xray-daemon", "image": "amazon/aws-xray-daemon", "memory": 64}])
                listed(account, region, "ecs-task-definition", broken, ["xray-daemon latest"], ["AWS_XRAY_DAEMON_ADDRESS"])
                seeded["defects"].append({"rule": "XR107", "arn": broken})
                seeded["defects"].append({"rule": "XR110", "arn": broken, "part": "container xray-daemon"})
                seeded["defects"].append({"rule": "XR117", "arn": broken, "part": "container app"})
                lam = client("lambda", account, region)
                traced = lam.create_function(FunctionName="traced-without-permission", Runtime="python3.12", Role=bare,
                                             Handler="index.handler", Code={"ZipFile": zipped()}, TracingConfig={"Mode": "Active"})
                seeded["defects"].append({"rule": "XR402", "arn": traced["FunctionArn"]})
                fine = lam.create_function(FunctionName="traced-and-permitted", Runtime="python3.12", Role=writer,
                                           Handler="index.handler", Code={"ZipFile": zipped()}, TracingConfig={"Mode": "Active"})
                seeded["clean"].append(fine["FunctionArn"])
                listed(account, region, "lambda-function", traced["FunctionArn"], ["lambda-active-tracing"], [])
                listed(account, region, "lambda-function", fine["FunctionArn"], ["lambda-active-tracing"], [])
                # Not traced by Lambda, but OpenTelemetry shows in its layer and wrapper.
                layer = f"arn:aws:lambda:{region}:901920570463:layer:aws-otel-python-amd64-ver-1-25-0:1"
                otel = lam.create_function(FunctionName="otel-layered", Runtime="python3.12", Role=writer, Handler="index.handler",
                                           Code={"ZipFile": zipped()}, Layers=[layer],
                                           Environment={"Variables": {"AWS_LAMBDA_EXEC_WRAPPER": "/opt/otel-instrument", "APP": "x"}})
                listed(account, region, "lambda-function", otel["FunctionArn"], ["none"], [layer, "AWS_LAMBDA_EXEC_WRAPPER"])
                # A sampling rule with a percentage where a rate belongs (XR602), in the stub's state.
                arn = f"arn:aws:xray:{region}:{account}:sampling-rule/percent"
                XRayStub.rules.setdefault(account, {})["percent"] = {
                    "RuleName": "percent", "RuleARN": arn, "ResourceARN": "*", "Priority": 100, "FixedRate": 5,
                    "ReservoirSize": 1, "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}
                seeded["defects"].append({"rule": "XR602", "arn": arn})
                seed_beanstalk_and_eks(iam, account, region, seeded, listed)
    # Seeding done: from here moto checks every call against IAM.
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    print(json.dumps({"moto": moto, "management": MANAGEMENT, "stub": stub_url, "reads": reads_url, "keys": [key["AccessKeyId"], key["SecretAccessKey"]],
                      "accounts": accounts, "readable": readable, "locked": locked, "seeded": seeded, "secrets": secrets}), flush=True)
    sys.stdin.read()
    stub.shutdown()
    reads.shutdown()
    server.stop()


if __name__ == "__main__":
    main()
