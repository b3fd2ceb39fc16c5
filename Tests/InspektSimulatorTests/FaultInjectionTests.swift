import AsyncHTTPClient
import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

@Suite("Fault injection")
struct FaultInjectionTests {
    static let photo = TestImages.jpeg(width: 640, height: 480)

    @Test("fail-rate 1: both endpoints answer 500 Server Side Issue and nothing is accepted")
    func failRate() async throws {
        try await withSimulator(SimulatorConfiguration(processingDelay: 0.2, failRate: 1)) { harness, wire in
            let auth = try await wire.authenticateRaw(#"{"key":"demo-key"}"#)
            #expect(auth.status == 500)
            #expect(auth.message == "Server Side Issue")
            let form = MultipartForm.upload(session: "in1020250101000000", files: [("front_a.jpg", Self.photo)])
            let upload = try await wire.upload(bearer: "anything", form: form)
            #expect(upload.status == 500)
            #expect(upload.message == "Server Side Issue")
            #expect(await harness.ledger().isEmpty)
        }
    }

    @Test("a seed makes the faults repeatable")
    func seeded() async throws {
        func pattern() async throws -> [Int] {
            try await withSimulator(SimulatorConfiguration(processingDelay: 0.2, failRate: 0.5, seed: 42)) { _, wire in
                var statuses: [Int] = []
                for _ in 0..<16 { statuses.append(try await wire.authenticateRaw(#"{"key":"demo-key"}"#).status) }
                return statuses
            }
        }
        let first = try await pattern()
        let second = try await pattern()
        #expect(first == second)
        #expect(first.contains(200) && first.contains(500))
    }

    @Test(
        "drop-rate 1, max-drops 1: the first upload is accepted but its reply never comes; the retry meets already exists"
    )
    func dropReply() async throws {
        let configuration = SimulatorConfiguration(processingDelay: 0.2, dropRate: 1, maxDrops: 1)
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(
                session: grant.session, caseID: "CASE-DROP", files: [("front_a.jpg", Self.photo)])
            await #expect(throws: HTTPClientError.self) {
                _ = try await wire.upload(bearer: grant.refreshToken, form: form, timeout: .seconds(10))
            }
            let ledger = await harness.ledger()
            #expect(ledger.count == 1)
            #expect(ledger.first?.session == grant.session)
            #expect(ledger.first?.caseID == "CASE-DROP")

            let retry = try await wire.upload(bearer: grant.refreshToken, form: form)
            #expect(retry.status == 400)
            #expect(retry.message == "Inspection Id already exists, please generate a new one")

            // The drop budget is spent: the next inspection hears its reply.
            let next = try await wire.authenticate()
            let nextForm = MultipartForm.upload(
                session: next.session, caseID: "CASE-NEXT", files: [("front_a.jpg", Self.photo)])
            #expect(try await wire.upload(bearer: next.refreshToken, form: nextForm).status == 200)
            #expect(await harness.ledger().count == 2)
        }
    }

    @Test("a dropped reply is a closed connection with no bytes at all")
    func dropIsSilent() async throws {
        let configuration = SimulatorConfiguration(processingDelay: 0.2, dropRate: 1)
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let form = MultipartForm.upload(session: grant.session, files: [("front_a.jpg", Self.photo)])
            var head = "POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(grant.refreshToken)\r\n"
            head += "Content-Type: \(form.contentType)\r\nContent-Length: \(form.bytes.count)\r\n\r\n"
            let received = try await RawSocket.exchange(port: harness.port, request: Array(head.utf8) + form.bytes)
            #expect(received.isEmpty, "got \(String(decoding: received, as: UTF8.self))")
            #expect(await harness.ledger().count == 1)
        }
    }

    @Test("latency delays every reply")
    func latency() async throws {
        try await withSimulator(SimulatorConfiguration(processingDelay: 0.2, latency: 0.4)) { _, wire in
            let clock = ContinuousClock()
            let started = clock.now
            _ = try await wire.authenticate()
            #expect(clock.now - started >= .seconds(0.4))
        }
    }

    @Test("bandwidth throttles the upload body: 1 MB at 400 kB/s takes about 2.5 s")
    func bandwidth() async throws {
        let configuration = SimulatorConfiguration(processingDelay: 0.2, bandwidth: 400_000)
        try await withSimulator(configuration) { harness, wire in
            let grant = try await wire.authenticate()
            let big = TestImages.jpeg(width: 640, height: 480, seed: 3, padding: 1_000_000)
            let form = MultipartForm.upload(session: grant.session, files: [("front_big.jpg", big)])
            let clock = ContinuousClock()
            let started = clock.now
            let reply = try await wire.upload(bearer: grant.refreshToken, form: form)
            let elapsed = clock.now - started
            #expect(reply.status == 200)
            // Expected 2.5 s; assert loosely (at least half) so that a busy machine cannot fail it.
            #expect(elapsed >= .seconds(1.25), "took \(elapsed)")
            #expect(await harness.ledger().first?.files.first?.sha256 == sha256Hex(big))
        }
    }
}

@Suite("Simulator lifecycle")
struct SimulatorLifecycleTests {
    @Test("run() serves until its task is cancelled, then returns")
    func runUntilCancelled() async throws {
        let simulator = InspektSimulator(configuration: SimulatorConfiguration(processingDelay: 0.2))
        let task = Task { try await simulator.run() }
        #expect(await eventually { await simulator.listeningPort != nil })
        task.cancel()
        let clock = ContinuousClock()
        let started = clock.now
        _ = await task.result
        #expect(clock.now - started < .seconds(20))
    }

    @Test("a stopped simulator refuses connections")
    func stopCloses() async throws {
        let harness = try await SimulatorHarness.start()
        let wire = SimulatorWire(baseURL: harness.baseURL)
        _ = try await wire.authenticate()
        let clock = ContinuousClock()
        let started = clock.now
        await harness.stop()
        #expect(clock.now - started < .seconds(10), "stop took \(clock.now - started)")
        // (AsyncHTTPClient would retry a refused connect until its deadline; a raw socket shows the refusal.)
        // The listening socket closes on the event loop just after stop returns: on a busy machine a
        // first connect may still land, so the refusal must come within three seconds.
        let refused = await eventually(timeout: 10, every: .milliseconds(50)) {
            do {
                _ = try await RawSocket.exchange(
                    port: harness.port, request: Array("GET / HTTP/1.1\r\n\r\n".utf8), timeoutSeconds: 1)
                return false
            } catch {
                return error is RawSocket.Failure
            }
        }
        #expect(refused, "the stopped simulator still answered on port \(harness.port)")
    }

    @Test("stop closes idle keep-alive connections too")
    func stopClosesKeepAlive() async throws {
        let harness = try await SimulatorHarness.start()
        let body = #"{"key":"demo-key"}"#
        let request =
            "POST /api/authenticate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        // Reads until the server closes: without the close on stop, this would time out.
        let replied = RawSocket.Progress()
        let exchange = Task {
            try await RawSocket.exchange(
                port: harness.port, request: Array(request.utf8), timeoutSeconds: 5, progress: replied)
        }
        #expect(await eventually { replied.bytesReceived > 0 })
        await harness.stop()
        let received = String(decoding: try await exchange.value, as: UTF8.self)
        #expect(received.hasPrefix("HTTP/1.1 200 OK"))
    }
}

@Suite("Simulator start-up")
struct SimulatorStartTests {
    @Test("a port already taken: start() throws instead of hanging")
    func portTaken() async throws {
        let first = try await SimulatorHarness.start()
        let second = InspektSimulator(configuration: SimulatorConfiguration(port: first.port))
        await #expect(throws: (any Error).self) { _ = try await second.start() }
        await first.stop()
    }
}
