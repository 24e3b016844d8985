#!/usr/bin/env python3
"""`xrayctl audit --org` at scale, against a stub of every service it reads, with injected throttling.

Usage: audit_benchmark.py XRAYCTL [--sizes N1,N2,...] [--regions R] [--throttle P] [--concurrency C]

The stub answers Organizations' ListAccounts with N accounts, STS with a fresh session per account,
and each account×region with one ECS cluster (a service running a task definition with the X-Ray daemon),
two Lambda functions, one REST stage, IAM authorization details, sampling rules, encryption and
Transaction Search; a fraction P of the calls is answered with ThrottlingException first (the audit
must retry them). It runs the audit once per size (default 50, 250 and 500 accounts: 100, 500 and 1,000
pairs) and reports for each the wall time, the peak resident memory of that xrayctl process (wait4), the
pairs audited and the findings; memory must not grow with the pairs, because each pair's documents are
dropped when its findings are made and its findings are written as soon as the pairs before it are.
Not run by the tests: speed and memory are measured here, never asserted in timed tests.
"""
import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import threading
import tempfile
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNTS = []
THROTTLE = 0.1
COUNTS = {"calls": 0, "throttled": 0}
LOCK = threading.Lock()


def account_of(headers):
    match = re.search(r"Credential=AKIA(\d{12})", headers.get("Authorization", ""))
    return match.group(1) if match else "000000000000"


def region_of(headers):
    match = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", headers.get("Authorization", ""))
    return match.group(1) if match else "us-east-1"


def task_definition(account, region):
    return {"taskDefinitionArn": f"arn:aws:ecs:{region}:{account}:task-definition/api:7", "family": "api", "revision": 7,
            "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024",
            "containerDefinitions": [
                {"name": "app", "image": "public.ecr.aws/docker/library/python:3.12", "essential": True,
                 "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "127.0.0.1:2000"}]},
                {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.3.14", "essential": True,
                 "portMappings": [{"containerPort": 2000, "protocol": "udp"}]}]}


def answer(handler, operation, body):
    account, region = account_of(handler.headers), region_of(handler.headers)
    if operation == "ListAccounts":
        return {"Accounts": [{"Id": a, "Status": "ACTIVE"} for a in ACCOUNTS]}
    if operation == "AssumeRole":
        target = re.search(r"iam%3A%3A(\d{12})", body).group(1)
        return ("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                f"<AccessKeyId>AKIA{target}</AccessKeyId><SecretAccessKey>secret{target}</SecretAccessKey>"
                "<SessionToken>token</SessionToken></Credentials></AssumeRoleResult></AssumeRoleResponse>")
    if operation == "GetCallerIdentity":
        return "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>999999999999</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
    if operation == "GetAccountAuthorizationDetails":
        return ("<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult><RoleDetailList><member>"
                f"<RoleName>fn</RoleName><Arn>arn:aws:iam::{account}:role/fn</Arn>"
                "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>"
                "<RolePolicyList/><AttachedManagedPolicies/></member></RoleDetailList><Policies/><IsTruncated>false</IsTruncated>"
                "</GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>")
    if operation == "ListClusters":
        return {"clusterArns": [f"arn:aws:ecs:{region}:{account}:cluster/apps"]}
    if operation == "ListServices":
        return {"serviceArns": [f"arn:aws:ecs:{region}:{account}:service/apps/api"]}
    if operation == "DescribeServices":
        return {"services": [{"serviceArn": f"arn:aws:ecs:{region}:{account}:service/apps/api", "serviceName": "api",
                              "schedulingStrategy": "REPLICA", "launchType": "FARGATE",
                              "taskDefinition": f"arn:aws:ecs:{region}:{account}:task-definition/api:7"}]}
    if operation == "ListTasks":
        return {"taskArns": []}
    if operation == "DescribeTaskDefinition":
        return {"taskDefinition": task_definition(account, region)}
    if operation == "ListFunctions":
        return {"Functions": [{"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{region}:{account}:function:{name}",
                               "Role": f"arn:aws:iam::{account}:role/fn", "Runtime": "python3.12",
                               "TracingConfig": {"Mode": mode}} for name, mode in (("orders", "Active"), ("batch", "PassThrough"))]}
    if operation == "GetRestApis":
        return {"item": [{"id": "a1b2c3d4e5", "name": "shop"}]}
    if operation == "GetStages":
        return {"item": [{"stageName": "prod", "tracingEnabled": False}]}
    if operation == "GetApis":
        return {"items": []}
    if operation == "GetSamplingRules":
        return {"SamplingRuleRecords": [{"SamplingRule": {"RuleName": "api", "RuleARN": f"arn:aws:xray:{region}:{account}:sampling-rule/api",
                                                          "ResourceARN": "*", "Priority": 10, "FixedRate": 0.05, "ReservoirSize": 1,
                                                          "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*",
                                                          "URLPath": "*", "Version": 1}}]}
    if operation == "GetEncryptionConfig":
        return {"EncryptionConfig": {"Type": "NONE", "Status": "ACTIVE"}}
    if operation == "GetGroups":
        return {"Groups": []}
    if operation == "GetTraceSegmentDestination":
        return {"Destination": "XRay", "Status": "ACTIVE"}
    if operation == "GetIndexingRules":
        return {"IndexingRules": []}
    if operation == "DescribeResourcePolicies":
        return {"resourcePolicies": []}
    if operation == "DescribeEnvironments":
        return ("<DescribeEnvironmentsResponse><DescribeEnvironmentsResult><Environments><member><EnvironmentName>web</EnvironmentName>"
                f"<ApplicationName>shop</ApplicationName><EnvironmentArn>arn:aws:elasticbeanstalk:{region}:{account}:environment/shop/web</EnvironmentArn>"
                "<Status>Ready</Status></member></Environments></DescribeEnvironmentsResult></DescribeEnvironmentsResponse>")
    if operation == "DescribeConfigurationSettings":
        return ("<DescribeConfigurationSettingsResponse><DescribeConfigurationSettingsResult><ConfigurationSettings><member><OptionSettings>"
                "<member><Namespace>aws:elasticbeanstalk:xray</Namespace><OptionName>XRayEnabled</OptionName><Value>true</Value></member>"
                "<member><Namespace>aws:autoscaling:launchconfiguration</Namespace><OptionName>IamInstanceProfile</OptionName><Value>fn</Value></member>"
                "</OptionSettings></member></ConfigurationSettings></DescribeConfigurationSettingsResult></DescribeConfigurationSettingsResponse>")
    if operation == "ListEKSClusters":
        return {"clusters": ["apps"]}
    if operation == "ListAddons":
        return {"addons": ["amazon-cloudwatch-observability"]}
    if operation == "DescribeAddon":
        return {"addon": {"addonName": "amazon-cloudwatch-observability", "clusterName": "apps", "addonVersion": "v3.1.0-eksbuild.1"}}
    if operation == "ListPodIdentityAssociations":
        return {"associations": [{"associationId": "a-0123456789abcdef0", "namespace": "amazon-cloudwatch", "serviceAccount": "cloudwatch-agent"}]}
    if operation == "DescribePodIdentityAssociation":
        return {"association": {"associationId": "a-0123456789abcdef0", "namespace": "amazon-cloudwatch", "serviceAccount": "cloudwatch-agent",
                                "roleArn": f"arn:aws:iam::{account}:role/fn",
                                "associationArn": f"arn:aws:eks:{region}:{account}:podidentityassociation/apps/a-0123456789abcdef0"}}
    return {}


def operation_of(handler, body):
    target = handler.headers.get("X-Amz-Target")
    if target:
        return target.split(".")[-1]
    if body.startswith("Action="):
        return urllib.parse.parse_qs(body)["Action"][0]
    path = handler.path.split("?")[0]
    routes = {"/2015-03-31/functions/": "ListFunctions", "/restapis": "GetRestApis", "/v2/apis": "GetApis",
              "/GetSamplingRules": "GetSamplingRules", "/EncryptionConfig": "GetEncryptionConfig", "/Groups": "GetGroups",
              "/GetTraceSegmentDestination": "GetTraceSegmentDestination", "/GetIndexingRules": "GetIndexingRules"}
    if path in routes:
        return routes[path]
    if path.startswith("/restapis/") and path.endswith("/stages"):
        return "GetStages"
    parts = path.strip("/").split("/")
    if parts[0] == "clusters":
        # EKS: /clusters, then a cluster's addons or pod-identity-associations, listed or one described.
        if len(parts) == 1:
            return "ListEKSClusters"
        kind = {"addons": "Addon", "pod-identity-associations": "PodIdentityAssociation"}.get(parts[2] if len(parts) > 2 else "")
        if kind:
            return ("List" + kind + "s") if len(parts) == 3 else ("Describe" + kind)
    return "Unknown"


class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_one(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        operation = operation_of(self, body)
        with LOCK:
            COUNTS["calls"] += 1
            throttle = operation not in ("ListAccounts", "GetCallerIdentity") and random.random() < THROTTLE
            COUNTS["throttled"] += throttle
        if throttle:
            payload, status, kind = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"}).encode(), 400, "application/json"
        else:
            result = answer(self, operation, body)
            if isinstance(result, str):
                payload, status, kind = result.encode(), 200, "text/xml"
            else:
                payload, status, kind = json.dumps(result).encode(), 200, "application/json"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = handle_one
    do_POST = handle_one


def run(xrayctl, endpoint, accounts, regions, concurrency):
    ACCOUNTS[:] = [f"{100000000000 + i:012d}" for i in range(accounts)]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "AKIA999999999999", "AWS_SECRET_ACCESS_KEY": "benchmark", "AWS_REGION": regions.split(",")[0]}
    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen([xrayctl, "audit", "--org", "--role-name", "audit", "--regions", regions, "--endpoint-url", endpoint,
                                  "--concurrency", str(concurrency), "--format", "json", "--quiet"], env=env, stdout=out,
                                  stderr=subprocess.DEVNULL)
        # wait4 gives this child's own peak resident memory (getrusage over children keeps the maximum
        # of every run so far).
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - start
        out.seek(0)
        stdout = out.read().decode()
    result = subprocess.CompletedProcess(child.args, child.returncode, stdout, "")
    peak = usage.ru_maxrss
    report = json.loads(result.stdout)
    return {"accounts": accounts, "pairs": accounts * len(regions.split(",")), "wall_s": round(wall, 2),
            "peak_rss_mb": round(peak / 1024, 1), "findings": len(report["findings"]), "exit": result.returncode,
            "not_audited": sum(1 for f in report["findings"] if f["rule"] == "XR811")}


def main():
    global THROTTLE
    parser = argparse.ArgumentParser()
    parser.add_argument("xrayctl")
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=[50, 250, 500],
                        help="accounts of each run, comma-separated (pairs: accounts × regions)")
    parser.add_argument("--regions", default="us-east-1,eu-west-1")
    parser.add_argument("--throttle", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    THROTTLE = args.throttle
    random.seed(7)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = "http://127.0.0.1:%d" % server.server_address[1]
    runs = [run(args.xrayctl, endpoint, accounts, args.regions, args.concurrency) for accounts in args.sizes]
    json.dump({"runs": runs, "calls": COUNTS["calls"], "throttled_answers": COUNTS["throttled"]},
              sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
