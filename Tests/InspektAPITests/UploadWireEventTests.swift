import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Synchronization
import Testing

@testable import InspektAPI

/// "Body sent" is what the connection reports (the end of the body flushed to the socket), in order with the reply.
@Suite struct UploadWireEventTests {
    @Test func bodyFlushedOnceBeforeTheReplyHead() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let auth = try await fixture.authenticate()
            let files = [try fixture.photo(.front, name: "a.jpg"), try fixture.photo(.rear, name: "b.jpg", seed: 3)]
            let events = Mutex<[UploadWireEvent]>([])

            _ = try await fixture.client.uploadWithReceipt(
                UploadRequest(session: auth.session, caseID: "CASE-WIRE", files: files), auth: auth, progress: { _ in },
                wire: { event in events.withLock { $0.append(event) } })

            #expect(events.withLock { $0 } == [.bodyFlushed, .replyHead(status: 200)])
        }
    }

    @Test func aGatewayErrorAfterTheBodyIsHeardAfterTheFlush() async throws {
        let fixture = try await Fixture.start(
            SimulatorConfiguration(processingDelay: 3600, gatewayErrorsAfterAccept: 1))
        try await stopAfter(fixture) {
            let auth = try await fixture.authenticate()
            let events = Mutex<[UploadWireEvent]>([])

            let error = await apiError {
                _ = try await fixture.client.uploadWithReceipt(
                    UploadRequest(
                        session: auth.session, caseID: "CASE-WIRE-504",
                        files: [try fixture.photo(.front, name: "a.jpg")]),
                    auth: auth, progress: { _ in }, wire: { event in events.withLock { $0.append(event) } })
            }

            #expect(
                error == .unexpected(status: 504, message: "<html><body><h1>504 Gateway Time-out</h1></body></html>"))
            #expect(events.withLock { $0 } == [.bodyFlushed, .replyHead(status: 504)])
            #expect(await fixture.harness.ledger().count == 1)
        }
    }
}
