import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TransactionSearchWithoutLogsPolicy: LintRule {
    package static let description = RuleDescription(
        id: "XR213", name: "transaction-search-without-logs-policy", severity: .warning,
        summary: "A template turns Transaction Search on (`AWS::XRay::TransactionSearchConfig`) without a CloudWatch Logs resource policy that lets `xray.amazonaws.com` write to `aws/spans`.",
        rationale: "X-Ray writes spans into the aws/spans log group of the account, which it may do only under a CloudWatch Logs resource policy naming xray.amazonaws.com; without it Transaction Search cannot be turned on. The policy may exist already (made in the console or another stack), so this is a warning; in the template, the config should depend on the policy.",
        sources: [.transactionSearch],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Search:
                    ↓Type: AWS::XRay::TransactionSearchConfig
                    Properties:
                      IndexingPercentage: 1

                """),
            RuleExample("template.yaml", """
                Resources:
                  SpansPolicy:
                    Type: AWS::Logs::ResourcePolicy
                    Properties:
                      PolicyName: xray-spans
                      PolicyDocument:
                        Fn::Sub: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"xray.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:aws/spans:*"}]}'
                  Search:
                    Type: AWS::XRay::TransactionSearchConfig
                    DependsOn: SpansPolicy
                    Properties:
                      IndexingPercentage: 1

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.templates.flatMap { template -> [Finding] in
            let configs = template.resources(ofType: "AWS::XRay::TransactionSearchConfig")
            guard !configs.isEmpty else { return [] }
            let policies = template.resources(ofType: "AWS::Logs::ResourcePolicy").compactMap { $0.properties?["PolicyDocument"] }
            // A document that cannot be read (built with Fn::Join of parameters, say) may well grant it.
            let grants = policies.contains { document in
                guard let text = document.literalText else { return true }
                return text.containsBytes("xray.amazonaws.com") && text.containsBytes("aws/spans")
            }
            guard !grants else { return [] }
            return configs.map { config in
                finding(config.node.keyNode("Type") ?? config.node,
                        "Transaction Search is turned on here, but no logs resource policy in this template lets xray.amazonaws.com write to aws/spans",
                        fix: "Add an AWS::Logs::ResourcePolicy allowing xray.amazonaws.com logs:PutLogEvents on the aws/spans log group (conditioned on aws:SourceAccount), and DependsOn it; or make sure the account has one")
            }
        }
    }
}
