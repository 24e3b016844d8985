/// The ADOT collector's configuration as a tree: its components by kind (extensions, receivers,
/// processors, exporters), each with its settings in order, and the service's pipelines. Callers
/// and tests look at the tree; `yaml` writes it in the collector's format (OpenTelemetry Collector,
/// "Configuration": components by kind, then `service` naming the extensions it runs and the
/// pipelines that join receivers, processors and exporters).
package struct ADOTCollectorConfig: Equatable, Sendable {
    /// A setting's value: text or a number written as it is, a list of names, or nested settings.
    package indirect enum Value: Equatable, Sendable {
        case text(String)
        case number(Int)
        case settings([Setting])
    }

    package struct Setting: Equatable, Sendable {
        package var key: String
        package var value: Value
        package init(_ key: String, _ value: Value) { self.key = key; self.value = value }
    }

    /// One component, named `type` or `type/name` as the collector names them (`batch/traces`).
    package struct Component: Equatable, Sendable {
        package var name: String
        package var settings: [Setting]
        package init(_ name: String, _ settings: [Setting] = []) { self.name = name; self.settings = settings }
    }

    package struct Pipeline: Equatable, Sendable {
        /// The signal and optional name (`traces`).
        package var name: String
        package var receivers: [String]
        package var processors: [String]
        package var exporters: [String]
    }

    package var extensions: [Component]
    package var receivers: [Component]
    package var processors: [Component]
    package var exporters: [Component]
    /// Every extension defined above runs: the service lists them all, in the same order.
    package var pipelines: [Pipeline]

    package func component(_ name: String) -> Component? {
        (extensions + receivers + processors + exporters).first { $0.name == name }
    }

    /// The configuration in the collector's YAML: two-space indentation, component settings in
    /// block style (`{}` when a component has none), the service's lists in flow style. Every
    /// text is a name, an address or a duration that reads back as itself unquoted.
    package var yaml: String {
        var lines: [String] = []
        func write(_ settings: [Setting], indent: Int) {
            let padding = String(repeating: " ", count: indent)
            for setting in settings {
                switch setting.value {
                case .text(let text): lines.append("\(padding)\(setting.key): \(text)")
                case .number(let number): lines.append("\(padding)\(setting.key): \(number)")
                case .settings(let inner) where inner.isEmpty: lines.append("\(padding)\(setting.key): {}")
                case .settings(let inner):
                    lines.append("\(padding)\(setting.key):")
                    write(inner, indent: indent + 2)
                }
            }
        }
        func section(_ kind: String, _ components: [Component]) {
            write([Setting(kind, .settings(components.map { Setting($0.name, .settings($0.settings)) }))], indent: 0)
        }
        func list(_ names: [String]) -> String { "[\(names.joined(separator: ", "))]" }
        section("extensions", extensions)
        section("receivers", receivers)
        section("processors", processors)
        section("exporters", exporters)
        lines.append("service:")
        lines.append("  extensions: \(list(extensions.map(\.name)))")
        lines.append("  pipelines:")
        for pipeline in pipelines {
            lines.append("    \(pipeline.name):")
            lines.append("      receivers: \(list(pipeline.receivers))")
            lines.append("      processors: \(list(pipeline.processors))")
            lines.append("      exporters: \(list(pipeline.exporters))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
