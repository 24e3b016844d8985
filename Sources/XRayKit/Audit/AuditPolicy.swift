import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// What the audit may call: exactly the read calls it makes, and nothing that writes. The audit
/// role in each member account gets `role`; the caller that runs `--org` needs `caller`.
package enum AuditPolicy {
    /// Per service, the actions of the calls in `Sources/XRayKit/Audit/` (IAM's action names, which
    /// for API Gateway are the HTTP method on the resource path).
    package static let roleActions: [(sid: String, actions: [String])] = [
        ("ReadECS", ["ecs:DescribeTaskDefinition", "ecs:ListClusters", "ecs:ListServices"]),
        ("ReadLambda", ["lambda:ListFunctions"]),
        ("ListEKSClusters", ["eks:ListClusters"]),
        ("ReadElasticBeanstalk", ["elasticbeanstalk:DescribeConfigurationSettings", "elasticbeanstalk:DescribeEnvironments"]),
        ("ReadIAM", ["iam:GetAccountAuthorizationDetails"]),
        ("ReadXRay", ["xray:GetEncryptionConfig", "xray:GetGroups", "xray:GetIndexingRules", "xray:GetSamplingRules",
                      "xray:GetTraceSegmentDestination"]),
        ("ReadLogsResourcePolicies", ["logs:DescribeResourcePolicies"]),
    ]

    /// The permissions policy of the audit role in every account read, with ARNs in `partition`.
    package static func role(partition: Partition = .aws) -> PolicyDocument {
        let arn = "arn:\(partition.rawValue)"
        var statements = roleActions.map { PolicyDocument.Statement(sid: $0.sid, action: .many($0.actions), resource: "*") }
        // The ECS reads that take resource-level permissions, on the resource type each authorises
        // (Service Authorization Reference for Amazon ECS: ListTasks is authorised on container instances).
        statements.append(PolicyDocument.Statement(sid: "ReadECSServices", action: "ecs:DescribeServices", resource: .one("\(arn):ecs:*:*:service/*")))
        statements.append(PolicyDocument.Statement(sid: "ReadECSTasks", action: "ecs:DescribeTasks", resource: .one("\(arn):ecs:*:*:task/*")))
        statements.append(PolicyDocument.Statement(sid: "ListECSTasks", action: "ecs:ListTasks", resource: .one("\(arn):ecs:*:*:container-instance/*")))
        // EKS authorises the cluster's lists on the cluster, each description on what it describes
        // (Service Authorization Reference for Amazon EKS: cluster, addon, podidentityassociation).
        statements.append(PolicyDocument.Statement(sid: "ReadEKSClusters", action: .many(["eks:ListAddons", "eks:ListPodIdentityAssociations"]),
                                                   resource: .one("\(arn):eks:*:*:cluster/*")))
        statements.append(PolicyDocument.Statement(sid: "ReadEKSAddons", action: "eks:DescribeAddon", resource: .one("\(arn):eks:*:*:addon/*/*/*")))
        statements.append(PolicyDocument.Statement(sid: "ReadEKSPodIdentity", action: "eks:DescribePodIdentityAssociation",
                                                   resource: .one("\(arn):eks:*:*:podidentityassociation/*/*")))
        // API Gateway authorises GET on the paths read: the REST APIs, their stages, the HTTP APIs.
        statements.append(PolicyDocument.Statement(sid: "ReadAPIGateway", action: "apigateway:GET",
                                                   resource: .many(["\(arn):apigateway:*::/restapis", "\(arn):apigateway:*::/restapis/*/stages",
                                                                    "\(arn):apigateway:*::/apis"])))
        return PolicyDocument(statements)
    }

    /// The caller of `--org --role-name NAME`: list the organisation, assume the role everywhere.
    package static func caller(roleName: String, partition: Partition = .aws) -> PolicyDocument {
        PolicyDocument([
            PolicyDocument.Statement(sid: "ListOrganizationAccounts", action: "organizations:ListAccounts", resource: "*"),
            PolicyDocument.Statement(sid: "AssumeAuditRole", action: "sts:AssumeRole", resource: .one("arn:\(partition.rawValue):iam::*:role/\(roleName)")),
        ])
    }

    /// A CloudFormation template for a StackSet: the audit role in each member account, trusting
    /// the account that runs the audit, with `role` as its only permissions.
    package static func stackSetTemplate() -> String {
        let trust: JSONValue = ["Version": "2012-10-17", "Statement": [[
            "Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": ["AWS": ["Fn::Sub": "arn:${AWS::Partition}:iam::${AuditAccountId}:root"]],
        ]]]
        let template: JSONValue = [
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "The read-only role xrayctl audit assumes in each member account (deploy it with a service-managed StackSet to the organisation).",
            "Parameters": [
                "AuditAccountId": ["Type": "String", "AllowedPattern": "^[0-9]{12}$",
                                   "Description": "The account that runs xrayctl audit --org (the management account or a delegated administrator)."],
                "RoleName": ["Type": "String", "Default": "xrayctl-audit", "AllowedPattern": "^[\\w+=,.@-]{1,64}$",
                             "Description": "The name given to xrayctl audit --role-name."],
            ],
            "Resources": [
                "AuditRole": [
                    "Type": "AWS::IAM::Role",
                    "Properties": [
                        "RoleName": ["Ref": "RoleName"],
                        "Description": "Read-only: what xrayctl audit reads to lint the tracing setup of this account.",
                        "AssumeRolePolicyDocument": trust,
                        "Policies": [["PolicyName": "xrayctl-audit-read", "PolicyDocument": partitioned(JSONTreeEncoder.encode(role()))]],
                    ],
                ],
            ],
            "Outputs": ["AuditRoleArn": ["Value": ["Fn::GetAtt": ["AuditRole", "Arn"]]]],
        ]
        return CanonicalJSON.encode(template)
    }

    /// The policy's ARNs in the partition the stack is deployed to: `arn:aws:…` becomes
    /// `{"Fn::Sub": "arn:${AWS::Partition}:…"}` (the ARNs hold no `${` of their own).
    private static func partitioned(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.hasPrefix("arn:aws:"):
            return ["Fn::Sub": .string("arn:${AWS::Partition}:" + text.dropFirst("arn:aws:".count))]
        case .array(let items): return .array(items.map(partitioned))
        case .object(let members): return .object(members.mapValues(partitioned))
        default: return value
        }
    }
}
