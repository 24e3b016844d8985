#!/usr/bin/env python3
"""X-Ray's write and read APIs on loopback, for `doctor --aws --verify` and `--seen` tests.

Usage: xray_read_stub.py
Serves HTTP on 127.0.0.1 (a free port) and listens on a free UDP port like the X-Ray daemon.
Stores what PutTraceSegments, OTLP/HTTP (POST /v1/traces, JSON) and UDP datagrams carry, and
answers BatchGetTraces, GetTraceSummaries and GetServiceGraph from it. Every request to an AWS
API is validated with botocore against the operation's input shape, and every answer against its
output shape; OTLP bodies are checked against the OTLP/JSON layout (botocore has no model for it).
Prints one JSON line {"endpoint", "udp"}, then serves until standard input closes.

Test controls (not AWS): POST /_stub/mode {"visible_after": N, "drop": bool, "indexed": bool,
"graph": [services], "destination": "XRay" | "CloudWatchLogs"} — a trace becomes visible to the read APIs on the Nth look after it arrived;
drop: received traces are never stored (an agent that loses them); indexed: false keeps traces
out of GetTraceSummaries; destination CloudWatchLogs (Transaction Search) makes FilterLogEvents on
aws/spans find stored traces by the text of their segments or spans. GET /_stub/records answers {"records": [[operation, problems]], "stored": [ids]}.
"""
import json
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.session
from botocore.validate import ParamValidator

SESSION = botocore.session.get_session()
XRAY = SESSION.get_service_model("xray")
LOGS = SESSION.get_service_model("logs")
STS = SESSION.get_service_model("sts")
OPERATIONS = {XRAY.operation_model(name).http["requestUri"].split("?")[0]: name for name in XRAY.operation_names}
HEX = re.compile(r"^[0-9a-f]+$")


class State:
    lock = threading.Lock()
    records = []  # [operation, problems]
    traces = {}  # trace id -> {"segments": [documents], "annotations": {key: value}, "looks": 0}
    mode = {"visible_after": 1, "drop": False, "indexed": True, "graph": [], "destination": "XRay"}

    @classmethod
    def store(cls, trace_id, document, annotations):
        with cls.lock:
            if cls.mode["drop"]:
                return
            trace = cls.traces.setdefault(trace_id, {"segments": [], "annotations": {}, "looks": 0})
            trace["segments"].append(document)
            trace["annotations"].update(annotations)

    @classmethod
    def visible(cls, trace_id):
        """Counts a look at the trace; true once it has been looked for `visible_after` times."""
        with cls.lock:
            trace = cls.traces.get(trace_id)
            if trace is None:
                return None
            trace["looks"] += 1
            return trace if trace["looks"] >= cls.mode["visible_after"] else None


def segment_problems(document):
    problems = []
    for field in ("name", "id", "trace_id", "start_time"):
        if field not in document:
            problems.append(f"segment without {field}")
    if "end_time" not in document and not document.get("in_progress"):
        problems.append("segment neither closed (end_time) nor in_progress")
    if not re.fullmatch(r"1-[0-9a-f]{8}-[0-9a-f]{24}", str(document.get("trace_id", ""))):
        problems.append(f"trace_id {document.get('trace_id')!r} is not 1-XXXXXXXX-24 hex digits")
    return problems


def otlp_problems(request):
    """OTLP/JSON (opentelemetry-proto's JSON mapping): hex IDs of 32 and 16 digits, times as strings."""
    problems = []
    spans = []
    for resource in request.get("resourceSpans", []):
        for scope in resource.get("scopeSpans", []):
            spans += scope.get("spans", [])
    if not spans:
        problems.append("no span in resourceSpans[].scopeSpans[].spans")
    for span in spans:
        if not (len(span.get("traceId", "")) == 32 and HEX.match(span["traceId"])):
            problems.append("traceId is not 32 lower-case hex digits")
        if not (len(span.get("spanId", "")) == 16 and HEX.match(span["spanId"])):
            problems.append("spanId is not 16 lower-case hex digits")
        for field in ("startTimeUnixNano", "endTimeUnixNano"):
            if not str(span.get(field, "")).isdigit():
                problems.append(f"{field} is not a decimal string")
    return problems, spans


def trace_from_span(span):
    trace_id = span["traceId"]
    xray_id = f"1-{trace_id[:8]}-{trace_id[8:]}"
    attributes = {a["key"]: a["value"] for a in span.get("attributes", [])}
    indexed = [v.get("stringValue") for v in attributes.get("aws.xray.annotations", {}).get("arrayValue", {}).get("values", [])]
    annotations = {key.replace(".", "_"): attributes[key].get("stringValue") for key in indexed if key in attributes}
    return xray_id, annotations


def matches(filter_expression, annotations):
    """The one filter doctor sends: annotation.KEY = "VALUE"."""
    match = re.fullmatch(r'\s*annotation\.(\w+)\s*=\s*"([^"]*)"\s*', filter_expression or "")
    return bool(match) and annotations.get(match.group(1)) == match.group(2)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, payload, content_type="application/json"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_stub/records":
            with State.lock:
                return self.reply(200, {"records": State.records, "stored": sorted(State.traces)})
        self.reply(404, {})

    def record(self, operation, problems):
        with State.lock:
            State.records.append([operation, problems])

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.split("?")[0]
        if path == "/_stub/mode":
            with State.lock:
                State.mode.update(json.loads(body))
            return self.reply(200, {})
        if path == "/v1/traces":
            problems, spans = otlp_problems(json.loads(body or b"{}"))
            self.record("OTLP", problems)
            for span in spans if not problems else []:
                xray_id, annotations = trace_from_span(span)
                State.store(xray_id, json.dumps(span), annotations)
            return self.reply(200, {"partialSuccess": {}} if not problems else {"partialSuccess": {"rejectedSpans": str(len(spans)), "errorMessage": "; ".join(problems)}})
        target = self.headers.get("X-Amz-Target", "")
        if target.startswith("Logs_20140328."):
            operation = target.split(".", 1)[1]
            data = json.loads(body or b"{}")
            answer = {"resourcePolicies": []}
            if operation == "FilterLogEvents":
                term = data.get("filterPattern", "").strip('"')
                with State.lock:
                    messages = [s for t in State.traces.values() if t["looks"] >= State.mode["visible_after"]
                                for s in t["segments"] if data.get("logGroupName") == "aws/spans" and term and term in s]
                answer = {"events": [{"logStreamName": "default", "timestamp": 0, "message": m, "ingestionTime": 0, "eventId": str(i)}
                                     for i, m in enumerate(messages)], "searchedLogStreams": []}
            return self.validated(LOGS, operation, data, answer)
        if path == "/" and b"Action=GetCallerIdentity" in body:
            self.record("GetCallerIdentity", [])
            return self.reply(200, b"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/verify</Arn>"
                              b"<UserId>AIDAVERIFY</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>", "text/xml")
        operation = OPERATIONS.get(path)
        if operation is None:
            self.record(path, [f"unknown path {path}"])
            return self.reply(400, {"__type": "UnknownOperationException", "message": path})
        data = json.loads(body or b"{}")
        return self.validated(XRAY, operation, data, self.answer(operation, data))

    def validated(self, model, operation, data, answer):
        operation_model = model.operation_model(operation)
        problems = []
        report = ParamValidator().validate(data, operation_model.input_shape)
        if report.has_errors():
            problems.append("request: " + report.generate_report())
        if operation_model.output_shape is not None:
            report = ParamValidator().validate(answer, operation_model.output_shape)
            if report.has_errors():
                problems.append("answer: " + report.generate_report())
        self.record(operation, problems)
        self.reply(200, answer)

    def answer(self, operation, data):
        if operation == "PutTraceSegments":
            unprocessed = []
            for text in data.get("TraceSegmentDocuments", []):
                document = json.loads(text)
                problems = segment_problems(document)
                if problems:
                    unprocessed.append({"Id": str(document.get("id", "")), "ErrorCode": "InvalidSegment", "Message": "; ".join(problems)})
                else:
                    State.store(document["trace_id"], text, document.get("annotations", {}))
            return {"UnprocessedTraceSegments": unprocessed}
        if operation == "BatchGetTraces":
            traces = []
            for trace_id in data.get("TraceIds", []):
                trace = State.visible(trace_id)
                if trace:
                    traces.append({"Id": trace_id, "Duration": 0.001, "LimitExceeded": False,
                                   "Segments": [{"Id": json.loads(s).get("id", json.loads(s).get("spanId", "")), "Document": s} for s in trace["segments"]]})
            return {"Traces": traces, "UnprocessedTraceIds": []}
        if operation == "GetTraceSummaries":
            summaries = []
            if State.mode["indexed"]:
                with State.lock:
                    candidates = [(i, t) for i, t in State.traces.items()
                                  if t["looks"] >= State.mode["visible_after"] and matches(data.get("FilterExpression"), t["annotations"])]
                for trace_id, trace in candidates:
                    summaries.append({"Id": trace_id, "Duration": 0.001, "ResponseTime": 0.001, "HasFault": False, "HasError": False,
                                      "HasThrottle": False, "IsPartial": False,
                                      "Annotations": {k: [{"AnnotationValue": {"StringValue": v}}] for k, v in trace["annotations"].items()}})
            return {"TraceSummaries": summaries, "ApproximateTime": data.get("EndTime", 0), "TracesProcessedCount": len(summaries)}
        if operation == "GetServiceGraph":
            return {"StartTime": data.get("StartTime"), "EndTime": data.get("EndTime"), "Services": State.mode["graph"],
                    "ContainsOldGroupVersions": False}
        if operation == "GetSamplingRules":
            return {"SamplingRuleRecords": []}
        if operation == "GetEncryptionConfig":
            return {"EncryptionConfig": {"Type": "NONE", "Status": "ACTIVE"}}
        if operation == "GetTraceSegmentDestination":
            return {"Destination": State.mode["destination"], "Status": "ACTIVE"}
        if operation == "GetIndexingRules":
            return {"IndexingRules": [{"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 1.0}}}]}
        return {}


def serve_udp(sock):
    while True:
        try:
            datagram, _ = sock.recvfrom(65536)
        except OSError:
            return
        header, _, text = datagram.decode("utf-8", "replace").partition("\n")
        problems = [] if json.loads(header or "{}") == {"format": "json", "version": 1} else [f"header {header!r}"]
        document = json.loads(text or "{}")
        problems += segment_problems(document)
        Handler.record(None, "UDP", problems)
        if not problems:
            State.store(document["trace_id"], text, document.get("annotations", {}))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=serve_udp, args=(udp,), daemon=True).start()
    print(json.dumps({"endpoint": "http://127.0.0.1:%d" % server.server_address[1], "udp": udp.getsockname()[1]}), flush=True)
    sys.stdin.read()
    server.shutdown()
    udp.close()


if __name__ == "__main__":
    main()
