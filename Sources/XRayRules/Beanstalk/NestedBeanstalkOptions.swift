import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct NestedBeanstalkOptions: LintRule {
    package static let description = RuleDescription(
        id: "XR308", name: "nested-beanstalk-options", severity: .error,
        summary: "`option_settings` splits a namespace into nested mappings (`aws:` → `elasticbeanstalk:` → `xray:`) instead of one key `aws:elasticbeanstalk:xray`.",
        rationale: "The namespace is a single key whose colons are part of its name. Written as nested mappings the file is valid YAML, but Elastic Beanstalk reads a namespace `aws` with an option `elasticbeanstalk` whose value is a mapping, which sets nothing: XRayEnabled never takes effect and the daemon never starts.",
        sources: [.beanstalkOptions, .beanstalkEbextensions, .beanstalkXRay],
        examples: [
            RuleExample(".ebextensions/xray.config", """
                option_settings:
                  ↓aws:
                    elasticbeanstalk:
                      xray:
                        XRayEnabled: true

                """),
            RuleExample(".ebextensions/xray.config", """
                option_settings:
                  aws:elasticbeanstalk:xray:
                    XRayEnabled: true

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.beanstalkConfigs.flatMap { config -> [Finding] in
            (config.root["option_settings"]?.pairs ?? []).compactMap { namespace, options in
                // A namespace without a colon whose options are themselves mappings: the colons became nesting.
                guard let name = namespace.text, !name.containsBytes(":"),
                      let nested = options.pairs, let (first, inner) = nested.first, inner.pairs != nil else { return nil }
                let spelled = ([name] + Self.path(from: first, inner)).joined(separator: ":")
                return finding(namespace, "option_settings nests '\(spelled)' as mappings; Elastic Beanstalk reads one namespace key with colons, so nothing here is set",
                               fix: "Write the namespace as one key: \(spelled):")
            }
        }
    }

    /// The keys down the first branch until the option level (`elasticbeanstalk`, `xray`).
    private static func path(from key: LocatedNode, _ value: LocatedNode) -> [String] {
        var parts = [key.text ?? "?"]
        var node = value
        while let (next, inner) = node.pairs?.first, inner.pairs != nil, parts.count < 4 {
            parts.append(next.text ?? "?")
            node = inner
        }
        return parts
    }
}
