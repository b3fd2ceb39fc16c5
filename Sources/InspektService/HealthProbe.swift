/// `/healthz` asks the store whether it answers. Requests that come while a look is under way share its
/// answer, so that a flood of them (anyone may ask) holds one store thread, not the four deliveries need.
actor HealthProbe {
    private let look: @Sendable () async -> Bool
    private var current: Task<Bool, Never>?

    init(look: @escaping @Sendable () async -> Bool) { self.look = look }

    func reachable() async -> Bool {
        if let current { return await current.value }
        let look = look
        let task = Task { await look() }
        current = task
        let answer = await task.value
        current = nil
        return answer
    }
}
