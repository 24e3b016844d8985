import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TracedStateMachineRole: LintRule {
    package static let description = RuleDescription(
        id: "XR407", name: "traced-state-machine-role", severity: .error,
        summary: "A state machine with tracing enabled whose role lacks X-Ray write and sampling permissions.",
        rationale: "Step Functions sends traces and reads sampling rules with the state machine's role; without the actions traces are lost and AccessDenied on xray:GetSamplingRules raises false security alarms.",
        sources: [.stepFunctionsXRay, .issue("DataBiosphere/azul", 6614), .xrayActions],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Machine:
                    Type: AWS::StepFunctions::StateMachine
                    Properties:
                      RoleArn: ↓!GetAtt MachineRole.Arn
                      TracingConfiguration: {Enabled: true}
                      DefinitionString: '{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}'
                  MachineRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: states.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: write
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]
                                Resource: "*"

                """),
            RuleExample("template.yaml", """
                Resources:
                  Machine:
                    Type: AWS::StepFunctions::StateMachine
                    Properties:
                      RoleArn: !GetAtt MachineRole.Arn
                      TracingConfiguration: {Enabled: true}
                      DefinitionString: '{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}'
                  MachineRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: states.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.templates.flatMap { template in
            template.resources(ofType: "AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine").compactMap { machine -> Finding? in
                let enabled = machine.properties?["TracingConfiguration"]?["Enabled"] ?? machine.properties?["Tracing"]?["Enabled"]
                guard enabled?.text == "true", let reference = machine.properties?["RoleArn"] ?? machine.properties?["Role"],
                      let role = run.role(reference, in: template) else { return nil }
                let missing = role.notGranted(XRayActions.upload + XRayActions.sampling)
                guard !missing.isEmpty else { return nil }
                return finding(reference, "state machine '\(machine.logicalID)' traces, but its role '\(role.displayName)' does not allow \(missing.joined(separator: ", "))",
                               fix: "Attach AWSXRayDaemonWriteAccess to the role")
            }
        }
    }
}
