import XRayCore
import XRaySampling

/// Lambda active tracing and API Gateway stage tracing (docs/xray-facts.md §5).
package struct ServerlessGenerator {
    package let context: GenerationContext

    package func lambda(_ service: ServiceSpec, _ spec: LambdaServiceSpec) -> Setup {
        var output = Setup(context)
        var input = LambdaTracingInput(FunctionName: spec.functionName)
        switch spec.role {
        case .keep:
            // The function's role is whatever it has now; the README looks it up and adds the
            // upload permission to it, so every permission the function had stays.
            let policyPath = "\(service.name)/role-policy.json"
            output.add(policyPath, CanonicalJSON.encode(IAMPolicies.lambdaTracing),
                       "the trace upload permission added to \(spec.functionName)'s current execution role (PutRolePolicy document)")
            output.add(.functionRolePolicy(function: spec.functionName, policyPath: policyPath))
            output.notes.append("`\(service.name)` keeps its current execution role; the README looks it up with `aws lambda get-function-configuration` and adds the trace upload permission to it. CloudFormation cannot change a role it does not own, so this step is CLI only.")
        case .generate:
            let name = context.prefixed(service.name) + Naming.executionRoleSuffix
            input.Role = context.roleARN(name)
            output.roles.append(RolePlan(
                name: name,
                purpose: "execution role of the \(spec.functionName) function: logging and trace upload",
                trust: IAMPolicies.trust("lambda", context),
                inlinePolicy: IAMPolicies.lambdaTracing,
                managedPolicyARNs: [IAMPolicies.lambdaBasicExecutionPolicy(context.partition)]))
            output.notes.append("`role: generate`: `\(service.name)/lambda-tracing.json` REPLACES the current execution role of \(spec.functionName) with the generated role `\(name)`, which allows logging and tracing only; every other permission the function had is gone. Remove `role:` (or set `role: keep`) to keep the current role and only add tracing to it.")
        case .existing(let arn):
            output.roles.append(RolePlan(
                name: arn.roleName ?? arn.resource,
                purpose: "the existing execution role of \(spec.functionName): adds the trace upload permission",
                trust: nil, inlinePolicy: IAMPolicies.lambdaTracing, namedByUser: true))
        case .none:
            break
        }
        let path = "\(service.name)/lambda-tracing.json"
        output.add(path, CanonicalJSON.encode(input), "turns on active tracing for \(spec.functionName) (UpdateFunctionConfiguration input)")
        output.add(.functionTracing(path: path))
        if spec.instrumentation == .adot, let layer = spec.adotLayer {
            output.append(adot(service, spec, layer: layer))
            // Application Signals: generated and named roles get its policy where they are created
            // (a kept role, looked up when applied, in the layer's step).
            if context.model.applicationSignals {
                for index in output.roles.indices {
                    output.roles[index].managedPolicyARNs.append(IAMPolicies.lambdaApplicationSignalsPolicy(context.partition))
                }
            }
        }
        return output
    }

    /// The AWS OpenTelemetry distro layer and its wrapper (docs/xray-facts.md §10). UpdateFunctionConfiguration
    /// replaces a function's layers and variables as a whole, so the file holds only what is added
    /// and the README merges it into what the function has (keeping every other layer and variable).
    package func adot(_ service: ServiceSpec, _ spec: LambdaServiceSpec, layer: String) -> Setup {
        var output = Setup(context)
        let path = "\(service.name)/lambda-adot.json"
        output.add(path, CanonicalJSON.encode(ADOTLayerAddition(Layers: [layer])),
                   "the AWS OpenTelemetry layer and its wrapper, merged into \(spec.functionName)'s current layers and variables by the README's step")
        let policy = context.model.applicationSignals ? IAMPolicies.lambdaApplicationSignalsPolicy(context.partition) : nil
        output.add(.adotLayer(function: spec.functionName, path: path, policy: spec.role == .keep ? policy : nil))
        output.notes.append("`\(service.name)` runs through the AWS OpenTelemetry layer `\(layer)` (AWS_LAMBDA_EXEC_WRAPPER=\(ADOTLayerAddition.wrapper)); the README's step keeps the function's other layers and variables, replacing only an older version of the same layer.")
        return output
    }

    package func apiGateway(_ service: ServiceSpec, _ spec: APIGatewayServiceSpec) -> Setup {
        var output = Setup(context)
        let path = "\(service.name)/apigateway-stage-patch.json"
        let patch = StageTracingPatch(restApiId: spec.restAPIID, stageName: spec.stage)
        output.add(path, CanonicalJSON.encode(patch), "turns on X-Ray tracing for stage \(spec.stage) of REST API \(spec.restAPIID) (UpdateStage input)")
        output.add(.stageTracing(path: path))
        return output
    }
}
