#!/usr/bin/env python3
"""An AWS account for doctor's --aws tests: moto's server on loopback, with IAM enforcement on.

Usage: moto_account.py PORT
Starts moto on 127.0.0.1:PORT, creates (unauthenticated, while INITIAL_NO_AUTH_ACTION_COUNT lasts)
a permitted user (xray:* — moto names X-Ray's REST actions after their path, so xray:PutTraceSegments
alone would not do — plus sts and IAM reads), a denied user (GetCallerIdentity only), a role without
X-Ray permissions and one with AWSXRayDaemonWriteAccess. Prints one JSON line with the keys, then
serves until standard input closes.
"""
import json
import os
import sys

SETUP_CALLS = 12
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = str(SETUP_CALLS)
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
    os.environ.pop(name, None)

import boto3  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def main():
    # Port 0: the kernel picks a free port as the server binds it. (Picking one in advance races
    # with other tests doing the same, and ThreadedMotoServer.start waits for ever if its bind fails.)
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = "http://127.0.0.1:%d" % server.get_host_and_port()[1]
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="setup", aws_secret_access_key="setup")
    calls = 0

    def call(method, **arguments):
        nonlocal calls
        calls += 1
        return getattr(iam, method)(**arguments)

    keys = {}
    call("create_user", UserName="permitted")
    call("put_user_policy", UserName="permitted", PolicyName="tracing", PolicyDocument=policy(
        {"Effect": "Allow", "Action": ["xray:*", "sts:GetCallerIdentity", "iam:Get*", "iam:List*"], "Resource": "*"}))
    key = call("create_access_key", UserName="permitted")["AccessKey"]
    keys["permitted"] = [key["AccessKeyId"], key["SecretAccessKey"]]
    call("create_user", UserName="denied")
    call("put_user_policy", UserName="denied", PolicyName="identity-only", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}))
    key = call("create_access_key", UserName="denied")["AccessKey"]
    keys["denied"] = [key["AccessKeyId"], key["SecretAccessKey"]]
    call("create_role", RoleName="no-xray-role", AssumeRolePolicyDocument=TRUST)
    call("put_role_policy", RoleName="no-xray-role", PolicyName="s3", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}))
    call("attach_role_policy", RoleName="no-xray-role",
         PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    call("create_role", RoleName="xray-role", AssumeRolePolicyDocument=TRUST)
    call("attach_role_policy", RoleName="xray-role", PolicyArn="arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")
    call("list_roles")
    assert calls == SETUP_CALLS, f"setup made {calls} calls; INITIAL_NO_AUTH_ACTION_COUNT is {SETUP_CALLS}"
    print(json.dumps({"endpoint": endpoint, "keys": keys}), flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
