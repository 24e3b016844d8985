import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TracedFunctionRoleCannotUpload: LintRule {
    package static let description = RuleDescription(
        id: "XR402", name: "traced-function-role-cannot-upload", severity: .error, also: [.info],
        summary: "A function with active tracing whose execution role lacks `xray:PutTraceSegments`/`PutTelemetryRecords`.",
        rationale: "Lambda runs the daemon with the function's execution role; without the write actions the function's subsegments never arrive. A SAM function without its own Role is fine: SAM adds the X-Ray policy to the role it creates.",
        sources: [.xrayIAM, .xrayActions, .lambdaXRay, .xrayWithAPIGateway],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: ↓!GetAtt FnRole.Arn
                      Code: {ZipFile: "def handler(e, c): pass"}
                      TracingConfig: {Mode: Active}
                  FnRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: lambda.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]

                """),
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: !GetAtt FnRole.Arn
                      Code: {ZipFile: "def handler(e, c): pass"}
                      TracingConfig: {Mode: Active}
                  FnRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: lambda.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.functions.filter(\.isActivelyTraced).compactMap { function in
            guard let reference = function.roleReference else { return nil }
            guard let role = run.role(reference, in: function.template) else {
                // Say what was not checked, so a function linted without its role does not look clean.
                return finding(reference, "the role of function '\(function.resource.logicalID)' is not among the linted files, so whether it may upload traces (XR402) was not checked",
                               fix: "Lint the role's policies with it (a template that defines it, or aws iam get-account-authorization-details output)",
                               severity: .info)
            }
            let missing = role.notGranted(XRayActions.upload)
            guard !missing.isEmpty else { return nil }
            return finding(reference, "function '\(function.resource.logicalID)' traces actively, but its role '\(role.displayName)' does not allow \(missing.joined(separator: " and "))",
                           fix: "Attach AWSXRayDaemonWriteAccess to the role")
        }
    }
}
