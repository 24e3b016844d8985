import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `doctor --aws --seen`: the service graph X-Ray drew for a window, beside the model's services.
/// A service of `xray.yaml` that sent nothing is the most common silent failure.
package enum ServiceGraphComparison {
    package struct Node: Sendable, Equatable {
        package var name: String
        package var type: String?
        package var inModel: Bool
    }

    package struct Edge: Sendable, Equatable {
        package var source: String
        package var target: String
        package var total: Int
        package var errors: Int
        package var faults: Int
        package var throttles: Int
    }

    package struct Result: Sendable {
        package var start: Date
        package var end: Date
        package var seen: [Node]
        /// Model services X-Ray has no node for in the window.
        package var silent: [String]
        package var edges: [Edge]
        package var modelServices: [String]
    }

    /// A model service and the names X-Ray may give its node: the service's name (the generated setups
    /// set AWS_XRAY_TRACING_NAME and OTEL_SERVICE_NAME to it) and, for a Lambda function, the function's
    /// name, which Lambda's own nodes carry.
    package struct ModelService: Sendable {
        package var name: String
        package var graphNames: [String]
    }

    package static func modelServices(_ model: XRayModel) -> [ModelService] {
        model.services.map { service in
            var names = [service.name]
            if case .lambda(let lambda) = service.target, let function = lambda.functionName.split(separator: ":").last.map(String.init) {
                names.append(function)
            }
            return ModelService(name: service.name, graphNames: names)
        }
    }

    /// Reads every page of GetServiceGraph (at most `maxPages`) for the window ending `end`.
    package static func run(_ client: AWSClient, model: [ModelService], since seconds: Double, end: Date = Date(),
                            maxPages: Int = 20) async throws(AWSClient.Failure) -> Result {
        let start = end.addingTimeInterval(-seconds)
        var services: [LocatedNode] = []
        var token: String?
        for _ in 0..<maxPages {
            var body: [String: JSONValue] = ["StartTime": .int(Int(start.timeIntervalSince1970)), "EndTime": .int(Int(end.timeIntervalSince1970))]
            if let token { body["NextToken"] = .string(token) }
            let answer = try await client.xray("/ServiceGraph", body: CanonicalJSON.compact(JSONValue.object(body)))
            services += answer?["Services"]?.items ?? []
            token = answer?["NextToken"]?.text
            if token?.isEmpty ?? true { break }
        }
        return compare(services, model: model, start: start, end: end)
    }

    package static func compare(_ services: [LocatedNode], model: [ModelService], start: Date, end: Date) -> Result {
        let modelNames = Set(model.flatMap(\.graphNames).map { $0.lowercased() })
        var nameByReference: [String: String] = [:]
        var seen: [Node] = []
        for service in services {
            let name = service["Name"]?.text ?? service["Names"]?.items?.first?.text ?? "(unnamed)"
            if let reference = service["ReferenceId"]?.text { nameByReference[reference] = name }
            let type = service["Type"]?.text
            if !seen.contains(where: { $0.name == name && $0.type == type }) {
                seen.append(Node(name: name, type: type, inModel: modelNames.contains(name.lowercased())))
            }
        }
        var edges: [Edge] = []
        for service in services {
            let source = service["Name"]?.text ?? "(unnamed)"
            for edge in service["Edges"]?.items ?? [] {
                let stats = edge["SummaryStatistics"]
                func count(_ node: LocatedNode?) -> Int { node?.text.flatMap { Int($0) ?? Double($0).map { Int($0) } } ?? 0 }
                edges.append(Edge(source: source, target: edge["ReferenceId"]?.text.flatMap { nameByReference[$0] } ?? "(unknown)",
                                  total: count(stats?["TotalCount"]), errors: count(stats?["ErrorStatistics"]?["TotalCount"]),
                                  faults: count(stats?["FaultStatistics"]?["TotalCount"]), throttles: count(stats?["ErrorStatistics"]?["ThrottleCount"])))
            }
        }
        let seenNames = Set(seen.map { $0.name.lowercased() })
        let silent = model.filter { $0.graphNames.allSatisfy { !seenNames.contains($0.lowercased()) } }.map(\.name)
        return Result(start: start, end: end, seen: seen.sorted { ($0.name, $0.type ?? "") < ($1.name, $1.type ?? "") }, silent: silent,
                      edges: edges.sorted { ($0.source, $0.target) < ($1.source, $1.target) }, modelServices: model.map(\.name))
    }

    package static func findings(_ result: Result) -> [Finding] {
        result.silent.map { name in
            SilentService.finding(at: .origin("aws:xray:GetServiceGraph"),
                                  "service '\(name)' of xray.yaml sent no trace that X-Ray drew between \(Self.stamp(result.start)) and \(Self.stamp(result.end))",
                                  fix: "Run doctor --aws --verify from where '\(name)' runs; check that its SDK or collector is wired in and that its traffic is sampled")
        }
    }

    /// The window, the nodes and the edges as a table.
    package static func table(_ result: Result) -> [String] {
        var lines = ["service graph \(stamp(result.start)) to \(stamp(result.end)): \(result.seen.count) node(s), \(result.edges.count) edge(s)"]
        let nameWidth = max(7, (result.seen.map(\.name.count) + result.silent.map(\.count)).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        lines.append(pad("SERVICE", nameWidth) + "  " + pad("TYPE", 26) + "  IN MODEL")
        for node in result.seen { lines.append(pad(node.name, nameWidth) + "  " + pad(node.type ?? "-", 26) + "  " + (node.inModel ? "yes" : "no")) }
        for name in result.silent { lines.append(pad(name, nameWidth) + "  " + pad("(sent nothing)", 26) + "  yes") }
        if !result.edges.isEmpty {
            let edgeWidth = max(4, result.edges.map { $0.source.count + $0.target.count + 4 }.max() ?? 0)
            lines.append(pad("EDGE", edgeWidth) + "  " + ["CALLS", "ERRORS", "FAULTS", "THROTTLES"].map { pad($0, 9) }.joined(separator: " "))
            for edge in result.edges {
                lines.append(pad("\(edge.source) -> \(edge.target)", edgeWidth) + "  "
                             + [edge.total, edge.errors, edge.faults, edge.throttles].map { pad(String($0), 9) }.joined(separator: " "))
            }
        }
        return lines
    }

    package static func json(_ result: Result) -> JSONValue {
        .object([
            "start": .string(stamp(result.start)),
            "end": .string(stamp(result.end)),
            "modelServices": .array(result.modelServices.map(JSONValue.string)),
            "silent": .array(result.silent.map(JSONValue.string)),
            "nodes": .array(result.seen.map { .object(["name": .string($0.name), "type": $0.type.map(JSONValue.string) ?? .null, "inModel": .bool($0.inModel)]) }),
            "edges": .array(result.edges.map {
                .object(["source": .string($0.source), "target": .string($0.target), "calls": .int($0.total),
                         "errors": .int($0.errors), "faults": .int($0.faults), "throttles": .int($0.throttles)])
            }),
        ])
    }

    package static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
