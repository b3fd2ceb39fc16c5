import Foundation
import Hummingbird
import InspektTestSupport
import Logging
import NIOCore

/// A tiny HTTP listener standing in for the program's callback receiver: records every POST, answers
/// with scripted statuses (then 200).
actor CallbackCatcher {
    struct Delivery: Sendable {
        var path: String
        var body: Data
        var at: Date
        /// The `X-Inspekt-Secret` header, when one came (the account webhook's shared secret).
        var secret: String? = nil

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private(set) var deliveries: [Delivery] = []
    private var statuses: [Int]
    private var task: Task<Void, any Error>?
    private(set) var baseURL = ""

    init(statuses: [Int] = []) {
        self.statuses = statuses
    }

    func start() async throws {
        let (ports, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            let body = try await request.body.collect(upTo: 20 << 20)
            let secret = request.headers.first { $0.name.rawName.lowercased() == "x-inspekt-secret" }?.value
            let status = await self.record(path: request.uri.path, body: Data(buffer: body), secret: secret)
            return Response(status: .init(code: status))
        }
        var logger = Logger(label: "callback-catcher")
        logger.logLevel = .critical  // a cancelled listener logs an error on stop
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        task = Task { try await app.run() }
        for try await port in ports {
            baseURL = "http://127.0.0.1:\(port)"
            return
        }
    }

    func stop() async {
        task?.cancel()
        _ = await task?.result
    }

    private func record(path: String, body: Data, secret: String?) -> Int {
        deliveries.append(Delivery(path: path, body: body, at: Date(), secret: secret))
        return statuses.isEmpty ? 200 : statuses.removeFirst()
    }

    /// Waits until at least `count` deliveries arrived, or `timeout` passed; returns what arrived.
    func waitFor(_ count: Int, timeout: Double) async -> [Delivery] {
        await eventually(timeout: timeout) { deliveries.count >= count }
        return deliveries
    }
}

/// Runs `body` with a started catcher and stops it afterwards, even when `body` throws.
func withCatcher<T>(_ statuses: [Int] = [], _ body: (CallbackCatcher) async throws -> T) async throws -> T {
    let catcher = CallbackCatcher(statuses: statuses)
    try await catcher.start()
    do {
        let result = try await body(catcher)
        await catcher.stop()
        return result
    } catch {
        await catcher.stop()
        throw error
    }
}
