#!/usr/bin/env python3
"""Answers sampling decisions with the X-Ray Python SDK's own code.

Reads JSON from stdin: a list of cases {"rules": [SamplingRule records], "requests": [request dicts]}.
Rules are filtered with the SDK's ServiceConnector._is_rule_valid, built as SDK SamplingRule objects,
ordered by (priority, name) as the SDK's RuleCache does, and the first rule whose match() accepts a
request wins; "Default" when none does. Prints a list (per case) of lists of rule names.
"""
import json
import sys
from operator import attrgetter

from aws_xray_sdk.core.sampling.connector import ServiceConnector
from aws_xray_sdk.core.sampling.sampling_rule import SamplingRule


def decide(case):
    rules = []
    for record in case["rules"]:
        if ServiceConnector._is_rule_valid(None, record):
            rules.append(SamplingRule(name=record["RuleName"], priority=record["Priority"], rate=record["FixedRate"],
                                      reservoir_size=record["ReservoirSize"], host=record["Host"],
                                      service=record["ServiceName"], method=record["HTTPMethod"],
                                      path=record["URLPath"], service_type=record["ServiceType"]))
    rules.sort(key=attrgetter("priority", "name"))
    answers = []
    for request in case["requests"]:
        chosen = next((rule.name for rule in rules if rule.match(request)), "Default")
        answers.append(chosen)
    return answers


def main():
    cases = json.load(sys.stdin)
    json.dump([decide(case) for case in cases], sys.stdout)


if __name__ == "__main__":
    main()
