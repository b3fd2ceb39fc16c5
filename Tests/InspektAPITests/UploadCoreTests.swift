import AsyncHTTPClient
import Foundation
import InspektCore
import InspektTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import InspektAPI

/// The CPUs the thread of `loop` may run on.
private func cpus(of loop: any EventLoop) throws -> [Int] {
    try loop.submit { UploadCore.cpus() }.wait()
}

/// Runs `body` on a thread of its own (joining pins the calling thread, which must not be one of the task pool).
private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let result = Mutex<T?>(nil)
    try await OwnThread.run(name: "core-test") { try result.withLock { $0 = try body() } }
    return try #require(result.withLock { $0 })
}

@Suite("UploadCore: an upload's reading thread and its connection's event loop on one CPU")
struct UploadCoreTests {
    @Test(
        "two uploads on one loop share its CPU with their own threads; the loop, and threads started meanwhile, get their CPUs back when the last ends"
    )
    func loopIsKeptWhileAnyUploadNeedsIt() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let before = try cpus(of: loop)
        let seen = try await onOwnThread { () -> [[Int]] in
            let first = try #require(UploadCore.join(loop))
            let second = try #require(UploadCore.join(loop))
            // A thread started from a kept thread inherits its one CPU (the task pool grows this way).
            let started = DispatchSemaphore(value: 0)
            let finish = DispatchSemaphore(value: 0)
            let child = Mutex<Int32>(-1)
            Thread {
                child.withLock { $0 = UploadCore.callingThreadID() }
                started.signal()
                finish.wait()
            }.start()
            started.wait()
            defer { finish.signal() }
            let childID = child.withLock { $0 }
            let both = [
                [first.cpu], [second.cpu], UploadCore.cpus(), try cpus(of: loop), UploadCore.cpus(ofThread: childID),
            ]
            first.leave()
            let one = try cpus(of: loop)
            second.leave()
            return both + [one, try cpus(of: loop), UploadCore.cpus(ofThread: childID)]
        }
        let cpu = seen[0]
        #expect(seen[1] == cpu, "the second upload on the loop uses the CPU the first chose")
        #expect(seen[2] == cpu, "the reading thread runs on that CPU only")
        #expect(seen[3] == cpu, "the loop's thread runs on that CPU only")
        #expect(seen[4] == cpu, "a thread started meanwhile inherited that CPU")
        #expect(seen[5] == cpu, "still kept while the second upload lasts")
        #expect(seen[6] == before, "the loop's CPUs are back after the last upload")
        #expect(seen[7] == before, "and so are those of the thread started meanwhile")
        try await group.shutdownGracefully()
    }

    @Test(
        "an upload to the simulator runs on one CPU with its connection's loop, which gets its CPUs back afterwards")
    func uploadSharesItsLoopsCPU() async throws {
        let fixture = try await Fixture.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let before = try cpus(of: loop)
        let http = UploadConnections.makeHTTPClient(eventLoopGroup: group)
        let client = InspektlabsClient(baseURL: fixture.harness.baseURL, httpClient: http, logger: fixture.log.logger())
        try await stopAfter(fixture) {
            let files = [try fixture.photo(.front, name: "IMG_0001.jpg", seed: 31, width: 640, height: 480)]
            let auth = try await client.authenticate(apiKey: Fixture.apiKey, clientID: nil)
            let receipt = try await client.uploadWithReceipt(
                UploadRequest(session: auth.session, caseID: "CASE-CORE", files: files), auth: auth, progress: { _ in })
            let entry = try #require(await fixture.harness.ledger().first)
            #expect(entry.files.map(\.sha256) == receipt.sha256)
            let cpu = try #require(receipt.cpu, "the upload says which CPU it shared")
            #expect(before.contains(cpu))
            // Given back from the loop's own thread as the body's last write ends: asked on that thread too.
            var after = try cpus(of: loop)
            for _ in 0..<100 where after != before {
                try await Task.sleep(for: .milliseconds(10))
                after = try cpus(of: loop)
            }
            #expect(after == before, "the loop's CPUs are back once the upload is over")
        }
        try await http.shutdown()
        try await group.shutdownGracefully()
    }
}
