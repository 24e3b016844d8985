struct DaemonServiceWithoutTCP: LintRule {
    static let description = RuleDescription(
        id: "XR115", name: "daemon-service-without-tcp", severity: .warning,
        summary: "The agent of a DAEMON service publishes 2000/udp but not 2000/tcp.",
        rationale: "The SDKs fetch centralized sampling rules from the agent's TCP proxy at the same address; without 2000/tcp on the host they log 'Connection refused' and fall back to local rules.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(135), .daemonOnECS],
        examples: [
            RuleExample("xray-daemon/task-definition.json", """
                {"family": "xray-daemon", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "memoryReservation": 256, "portMappings": [↓{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}]}]}

                """, with: [("xray-daemon/service.json", "{\"serviceName\": \"xray-daemon\", \"taskDefinition\": \"xray-daemon\", \"schedulingStrategy\": \"DAEMON\"}\n")]),
            RuleExample("xray-daemon/task-definition.json", """
                {"family": "xray-daemon", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "memoryReservation": 256, "portMappings": [{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}]}]}

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { $0.networkMode == "bridge" && !run.daemonServices(running: $0).isEmpty }.flatMap(\.agents).compactMap { agent in
            let mappings = agent.portMappings
            guard let udp = mappings.first(where: { $0.containerPort == 2000 && $0.transport == "udp" }),
                  !mappings.contains(where: { $0.containerPort == 2000 && $0.transport == "tcp" }) else { return nil }
            return finding(udp.node, "the DAEMON service's agent publishes 2000/udp but not 2000/tcp, so the SDKs cannot reach its sampling proxy and fall back to local rules",
                           fix: "Add {\"containerPort\": 2000, \"hostPort\": 2000, \"protocol\": \"tcp\"}")
        }
    }
}
