"""The Elastic Beanstalk and EKS reads of `xrayctl audit` that moto 5.2.1 lacks (Beanstalk's
DescribeConfigurationSettings; EKS's add-ons and Pod Identity associations), answered from seeded
state per account and region. Every request is checked against botocore's input shape and every
answer against its output shape (the Beanstalk XML also through botocore's own query parser); a
request or answer that fails is answered 400 with the problem, which the audit reports (XR811), so
the test sees it. Elastic Beanstalk's DescribeEnvironments is answered here too: the audit reaches a
service at one endpoint.
"""
import json
import re
import urllib.parse
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

import botocore.session
from botocore import parsers
from botocore.validate import ParamValidator
from moto.iam.models import get_account_id_from

SESSION = botocore.session.get_session()
BEANSTALK = SESSION.get_service_model("elasticbeanstalk")
EKS = SESSION.get_service_model("eks")


def problems(value, shape):
    report = ParamValidator().validate(value, shape)
    return [report.generate_report()] if report.has_errors() else []


def xml(value, name):
    """A query-protocol answer element: structures by member name, lists as `member` items."""
    if isinstance(value, dict):
        inner = "".join(xml(item, key) for key, item in value.items())
    elif isinstance(value, list):
        inner = "".join(xml(item, "member") for item in value)
    elif isinstance(value, bool):
        inner = "true" if value else "false"
    else:
        inner = escape(str(value))
    return f"<{name}>{inner}</{name}>"


class ReadStub(BaseHTTPRequestHandler):
    environments = {}  # (account, region) -> [EnvironmentDescription]
    settings = {}  # (account, region, environment name) -> [ConfigurationOptionSetting]
    clusters = {}  # (account, region) -> {cluster: {"addons": {name: Addon}, "associations": {id: PodIdentityAssociation}}}

    def log_message(self, *args):
        pass

    def caller(self):
        credential = re.search(r"Credential=([^/]+)/[0-9]+/([^/]+)/", self.headers.get("Authorization", ""))
        return (get_account_id_from(credential.group(1)), credential.group(2)) if credential else ("unsigned", "")

    def send(self, status, payload, kind):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def refuse(self, found):
        self.send(400, json.dumps({"__type": "ValidationException", "message": "; ".join(found)}).encode(), "application/json")

    # --- Elastic Beanstalk (query protocol) ---

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        form = {key: values[0] for key, values in urllib.parse.parse_qs(body).items()}
        action = form.pop("Action", "")
        form.pop("Version", None)
        if action not in ("DescribeEnvironments", "DescribeConfigurationSettings"):
            return self.refuse([f"the stub does not answer {action}"])
        operation = BEANSTALK.operation_model(action)
        request = {key: (value == "true") if key == "IncludeDeleted" else value for key, value in form.items()}
        found = problems(request, operation.input_shape)
        account, region = self.caller()
        if action == "DescribeEnvironments":
            answer = {"Environments": ReadStub.environments.get((account, region), [])}
        else:
            name = request.get("EnvironmentName")
            environment = next((e for e in ReadStub.environments.get((account, region), []) if e["EnvironmentName"] == name), None)
            if environment is None:
                return self.refuse([f"no environment {name}"])
            answer = {"ConfigurationSettings": [{"ApplicationName": environment["ApplicationName"], "EnvironmentName": name,
                                                 "OptionSettings": ReadStub.settings.get((account, region, name), [])}]}
        found += problems(answer, operation.output_shape)
        payload = (f'<{action}Response xmlns="http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/">'
                   + xml(answer, f"{action}Result") + "<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>"
                   + f"</{action}Response>").encode()
        parsed = parsers.create_parser("query").parse({"body": payload, "headers": {}, "status_code": 200}, operation.output_shape)
        parsed.pop("ResponseMetadata", None)
        if parsed != answer:
            found.append(f"botocore reads the answer as {parsed}, not {answer}")
        if found:
            return self.refuse(found)
        self.send(200, payload, "text/xml")

    # --- EKS (rest-json GETs) ---

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = {key: values[0] for key, values in urllib.parse.parse_qs(url.query).items()}
        parts = [urllib.parse.unquote(part) for part in url.path.strip("/").split("/")]
        account, region = self.caller()
        clusters = ReadStub.clusters.get((account, region), {})
        cluster = clusters.get(parts[1], {"addons": {}, "associations": {}}) if len(parts) > 1 else None
        if parts == ["clusters"]:
            operation, request, answer = "ListClusters", {}, {"clusters": sorted(clusters)}
        elif len(parts) == 3 and parts[2] == "addons":
            operation, request, answer = "ListAddons", {"clusterName": parts[1]}, {"addons": sorted(cluster["addons"])}
        elif len(parts) == 4 and parts[2] == "addons":
            operation, request, answer = "DescribeAddon", {"clusterName": parts[1], "addonName": parts[3]}, {"addon": cluster["addons"].get(parts[3])}
        elif len(parts) == 3 and parts[2] == "pod-identity-associations":
            summaries = [{key: association[key] for key in ("clusterName", "namespace", "serviceAccount", "associationArn", "associationId")}
                         for _, association in sorted(cluster["associations"].items())]
            operation, request, answer = "ListPodIdentityAssociations", {"clusterName": parts[1]}, {"associations": summaries}
        elif len(parts) == 4 and parts[2] == "pod-identity-associations":
            operation = "DescribePodIdentityAssociation"
            request, answer = {"clusterName": parts[1], "associationId": parts[3]}, {"association": cluster["associations"].get(parts[3])}
        else:
            return self.refuse([f"the stub does not answer GET {url.path}"])
        if "nextToken" in query:
            request["nextToken"] = query["nextToken"]
        model = EKS.operation_model(operation)
        found = problems(request, model.input_shape)
        if None in answer.values():
            return self.send(404, json.dumps({"__type": "ResourceNotFoundException", "message": "not found"}).encode(), "application/json")
        found += problems(answer, model.output_shape)
        if found:
            return self.refuse(found)
        self.send(200, json.dumps(answer).encode(), "application/json")
