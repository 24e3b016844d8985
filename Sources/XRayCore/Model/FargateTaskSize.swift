/// The task-level cpu/memory combinations Fargate accepts (docs/xray-facts.md §3.4).
public struct FargateTaskSize: Hashable, Sendable {
    public var cpu: Int
    public var memory: Int

    /// Every valid memory value (MiB) for each cpu value (CPU units).
    public static let table: [(cpu: Int, memory: [Int])] = [
        (256, [512, 1024, 2048]),
        (512, [1024, 2048, 3072, 4096]),
        (1024, Array(stride(from: 2048, through: 8192, by: 1024))),
        (2048, Array(stride(from: 4096, through: 16384, by: 1024))),
        (4096, Array(stride(from: 8192, through: 30720, by: 1024))),
        (8192, Array(stride(from: 16384, through: 61440, by: 4096))),
        (16384, Array(stride(from: 32768, through: 122880, by: 8192))),
    ]

    public static var validCPUs: [Int] { table.map(\.cpu) }

    public static func validMemory(forCPU cpu: Int) -> [Int]? {
        table.first { $0.cpu == cpu }?.memory
    }

    public static func isValid(cpu: Int, memory: Int) -> Bool {
        validMemory(forCPU: cpu)?.contains(memory) ?? false
    }

    /// The smallest valid size with at least this much cpu and memory, nil when nothing is big enough.
    public static func smallest(fitting cpu: Int, memory: Int) -> FargateTaskSize? {
        for row in table where row.cpu >= cpu {
            if let fitting = row.memory.first(where: { $0 >= memory }) {
                return FargateTaskSize(cpu: row.cpu, memory: fitting)
            }
        }
        return nil
    }

    /// When the agent makes a task bigger than the app alone needs (Fargate bills by task size):
    /// the size for the app alone and the size for app and agent; nil when they are the same.
    public static func growth(appCPU: Int, appMemory: Int, agentCPU: Int, agentMemory: Int) -> (alone: FargateTaskSize, with: FargateTaskSize)? {
        guard let alone = smallest(fitting: appCPU, memory: appMemory),
              let with = smallest(fitting: appCPU + agentCPU, memory: appMemory + agentMemory), alone != with else { return nil }
        return (alone, with)
    }

    public var description: String { "\(cpu) CPU units / \(memory) MiB" }
}

extension ECSServiceSpec {
    /// The smaller Fargate size the app alone would fit, when adding `agent` is what makes this
    /// task its `taskSize` (a cost generate points out); nil otherwise.
    package func sizeWithoutAgent(_ agent: AgentSpec) -> FargateTaskSize? {
        guard let size = taskSize,
              let growth = FargateTaskSize.growth(appCPU: cpu ?? 0, appMemory: memory ?? memoryReservation ?? 512,
                                                  agentCPU: agent.cpu, agentMemory: agent.memoryReservation),
              growth.with == size else { return nil }
        return growth.alone
    }
}
