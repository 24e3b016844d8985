import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Lambda functions (tracing mode, role, layers, environment) and API Gateway stages (REST with
/// `tracingEnabled`, HTTP APIs, which have no tracing) of one account+region, written into the
/// region's CloudFormation-shaped template as the resources of the same meaning.
package enum ServerlessDiscovery {
    package static func functions(_ client: AuditClient, into template: inout AuditTemplate) async throws(AWSClient.Failure) {
        let pages = try await AuditClient.pages({ marker async throws(AWSClient.Failure) in
            try await client.rest("lambda", "/2015-03-31/functions/" + (marker.map { "?Marker=" + SigV4.encode($0) } ?? ""))
        }, next: { $0["NextMarker"] as? String })
        let functions = pages.flatMap { $0["Functions"] as? [[String: Any]] ?? [] }
            .sorted { ($0["FunctionArn"] as? String ?? "") < ($1["FunctionArn"] as? String ?? "") }
        for function in functions {
            guard let name = function["FunctionName"] as? String, let arn = function["FunctionArn"] as? String else { continue }
            var properties: [String: Any] = ["FunctionName": name]
            for key in ["Role", "Runtime", "Handler", "PackageType"] { properties[key] = function[key] }
            if let mode = (function["TracingConfig"] as? [String: Any])?["Mode"] { properties["TracingConfig"] = ["Mode": mode] }
            let layers = (function["Layers"] as? [[String: Any]] ?? []).compactMap { $0["Arn"] as? String }
            if !layers.isEmpty { properties["Layers"] = layers }
            if let variables = (function["Environment"] as? [String: Any])?["Variables"] as? [String: Any], !variables.isEmpty {
                properties["Environment"] = ["Variables": variables]
            }
            template.add(type: "AWS::Lambda::Function", name: name, properties: properties, address: AuditAddress(arn))
        }
    }

    package static func stages(_ client: AuditClient, scope: AuditScope, into template: inout AuditTemplate) async throws(AWSClient.Failure) {
        let apis = try await AuditClient.pages({ position async throws(AWSClient.Failure) in
            try await client.rest("apigateway", "/restapis" + (position.map { "?position=" + SigV4.encode($0) } ?? ""))
        }, next: { $0["position"] as? String }).flatMap { Self.items($0) }
        for api in apis.sorted(by: { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") }) {
            guard let id = api["id"] as? String, AWSNames.isPathSegment(id) else { continue }
            let answer = try await client.rest("apigateway", "/restapis/\(id)/stages")
            let stages = Self.items(answer)
            for stage in stages {
                guard let name = stage["stageName"] as? String else { continue }
                var properties: [String: Any] = ["RestApiId": id, "StageName": name, "TracingEnabled": stage["tracingEnabled"] as? Bool ?? false]
                if let deployment = stage["deploymentId"] { properties["DeploymentId"] = deployment }
                template.add(type: "AWS::ApiGateway::Stage", name: "\(api["name"] as? String ?? id)\(name)", properties: properties,
                             address: AuditAddress("arn:\(scope.partition):apigateway:\(scope.region)::/restapis/\(id)/stages/\(name)"))
            }
        }
        let httpAPIs = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
            try await client.rest("apigateway", "/v2/apis" + (token.map { "?nextToken=" + SigV4.encode($0) } ?? ""))
        }, next: { $0["nextToken"] as? String }).flatMap { $0["items"] as? [[String: Any]] ?? [] }
        for api in httpAPIs where (api["protocolType"] as? String) == "HTTP" {
            guard let id = api["apiId"] as? String else { continue }
            template.add(type: "AWS::ApiGatewayV2::Api", name: api["name"] as? String ?? id,
                         properties: ["Name": api["name"] as? String ?? id, "ProtocolType": "HTTP"],
                         address: AuditAddress("arn:\(scope.partition):apigateway:\(scope.region)::/apis/\(id)"))
        }
    }
}

extension ServerlessDiscovery {
    /// API Gateway's lists: `item` on the wire (botocore's `items`, which the CLI prints).
    private static func items(_ answer: [String: Any]) -> [[String: Any]] {
        answer["item"] as? [[String: Any]] ?? answer["items"] as? [[String: Any]] ?? []
    }
}

extension AWSNames {
    /// An ID that can go into a URL path as it is (API Gateway IDs are ten letters and digits).
    package static func isPathSegment(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
