import Foundation
import InspektAPI
import InspektSimulator
import InspektTestSupport
import Logging
import Synchronization
import Testing

@testable import InspektService
@testable import InspektStore

/// Issue 20 §3: the receiver under abuse. Stalled clients are closed, a full receiver makes room or says
/// 503, and a token never issued costs no store call.
@Suite(.timeLimit(.minutes(2)))
struct ReceiverLimitsTests {
    private static let secret = "s3cret"

    private func start(_ limits: ReceiverLimits) async throws -> (ServiceFixture, CallbackReceiver, Int) {
        let fixture = try await ServiceFixture.start(webhookSecret: Self.secret)
        let receiver = CallbackReceiver(service: fixture.service, logger: fixture.quietLogger, limits: limits)
        let port = try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: 0))
        return (fixture, receiver, port)
    }

    private static func healthz(_ port: Int) async throws -> String {
        let reply = try await RawSocket.exchange(
            port: port, request: Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        return String(decoding: reply, as: UTF8.self)
    }

    /// A webhook call whose head is complete and whose body stops after one byte: a request being served.
    private static let stalledBody =
        "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Inspekt-Secret: \(secret)\r\nContent-Length: 100\r\n\r\n{"

    @Test func silentClientsAreClosedWhileTheHeadOrTheBodyIsDue() async throws {
        let (fixture, receiver, port) = try await start(ReceiverLimits(idleTimeout: 1))
        try await stopAfter(receiver, fixture) {
            let stalled = try await StalledConnections.open(count: 2, port: port) { index in
                index == 0 ? "POST /callbacks/0123" : Self.stalledBody
            }
            defer { stalled.closeAll() }
            #expect(try await stalled.waitUntilOpen(atMost: 0, seconds: 15) == 0, "a silent client stayed connected")
            #expect(await eventually { receiver.connections.open == 0 })
        }
    }

    @Test func aFullReceiverMakesRoomByClosingTheLongestIdleConnection() async throws {
        let (fixture, receiver, port) = try await start(ReceiverLimits(idleTimeout: 60, maxConnections: 2))
        try await stopAfter(receiver, fixture) {
            // One after the other, so that which one is idle longest is known.
            let first = try await StalledConnections.open(count: 1, port: port) { _ in "GET /heal" }
            defer { first.closeAll() }
            #expect(await eventually { receiver.connections.open == 1 })
            let second = try await StalledConnections.open(count: 1, port: port) { _ in "GET /heal" }
            defer { second.closeAll() }
            #expect(await eventually { receiver.connections.open == 2 })
            #expect(try await Self.healthz(port).hasPrefix("HTTP/1.1 200"))
            // The first stalled client gave way to the request; the second is still connected.
            #expect(try await first.waitUntilOpen(atMost: 0, seconds: 10) == 0)
            #expect(try await second.waitUntilOpen(atMost: 0, seconds: 1) == 1)
        }
    }

    @Test func aReceiverWhoseConnectionsAllServeARequestAnswers503() async throws {
        let (fixture, receiver, port) = try await start(ReceiverLimits(idleTimeout: 60, maxConnections: 2))
        try await stopAfter(receiver, fixture) {
            let busy = try await StalledConnections.open(count: 2, port: port) { _ in Self.stalledBody }
            #expect(await eventually { receiver.connections.serving == 2 })
            let refused = try await Self.healthz(port)
            #expect(refused.hasPrefix("HTTP/1.1 503"), "\(refused)")
            #expect(refused.contains("The receiver is busy; deliver again later."))
            // Once a request ends, there is room again.
            busy.closeAll()
            #expect(await eventually { receiver.connections.open == 0 })
            #expect(try await Self.healthz(port).hasPrefix("HTTP/1.1 200"))
        }
    }

    /// With the store closed, a token of the issued shape is looked up (and fails: 503), while one we never
    /// issue is refused at once, before any store call.
    @Test func aTokenNeverIssuedIsRefusedWithoutAStoreCall() async throws {
        let directory = try PhotoFixtures.temporaryDirectory()
        let store = try InspektStore(directory: directory + "/data", kioskID: "kiosk-a")
        var logger = Logger(label: "inspekt.service.test")
        logger.logLevel = .critical
        let configuration = ServiceConfiguration(
            apiKey: "demo-key", baseURL: "http://127.0.0.1:9", dataDirectory: directory + "/data")
        let service = InspektService(
            configuration: configuration, store: store,
            client: InspektlabsClient(baseURL: "http://127.0.0.1:9", stallTimeout: 10, logger: logger), logger: logger)
        let receiver = CallbackReceiver(service: service, logger: logger)
        let base = "http://127.0.0.1:\(try await receiver.start(listen: ListenAddress(host: "127.0.0.1", port: 0)))"
        try await stopAfter(receiver) {
            try store.pool.close()
            let body = Data(#"{"status":"Available","inspectionId":"in000120250101000000"}"#.utf8)
            #expect(try await HTTP.post(base + "/callbacks/0123456789abcdef0123456789abcdef", body: body).0 == 503)
            for token in [
                "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef", "'%20OR%201=1",
                String(repeating: "a", count: 4000),
            ] {
                let (status, text) = try await HTTP.post(base + "/callbacks/" + token, body: body)
                #expect(status == 404, "\(token.prefix(40)): \(text)")
            }
        }
    }
}

/// A flood of `/healthz` holds one store thread: requests that come while a look is under way share it.
@Suite struct HealthProbeTests {
    @Test func requestsDuringALookShareItsAnswer() async throws {
        let looks = Mutex(0)
        let probe = HealthProbe {
            looks.withLock { $0 += 1 }
            try? await Task.sleep(for: .seconds(2))  // long enough for all fifty to ask meanwhile
            return true
        }
        let answers = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { await probe.reachable() } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: true, count: 50))
        #expect(looks.withLock { $0 } == 1)
        // Once answered, the next request looks again: an answer is never older than its request.
        _ = await probe.reachable()
        #expect(looks.withLock { $0 } == 2)
    }
}
