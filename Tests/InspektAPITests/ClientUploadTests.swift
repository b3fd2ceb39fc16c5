import AsyncHTTPClient
import Crypto
import Foundation
import InspektCore
import InspektSimulator
import InspektTestSupport
import Logging
import NIOCore
import Synchronization
import Testing

@testable import InspektAPI

@Suite("InspektlabsClient.upload against the simulator")
struct ClientUploadTests {
    @Test(
        "upload receipt: each file's SHA-256 from the bytes sent equals what the server received, with body size and time"
    )
    func uploadReceiptCarriesTheDigestsOfTheBytesSent() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let files = [
                try fixture.photo(.front, name: "IMG_0001.jpg", seed: 11, width: 400, height: 300),
                try fixture.photo(.damage, name: "IMG_0002.jpg", seed: 12, width: 320, height: 240),
            ]
            let auth = try await fixture.authenticate()
            let announced = Mutex<[Int: String]>([:])
            let receipt = try await fixture.client.uploadWithReceipt(
                UploadRequest(session: auth.session, caseID: "CASE-RECEIPT", files: files), auth: auth,
                progress: { _ in }, fileSent: { index, digest in announced.withLock { $0[index] = digest } })

            let entry = try #require(await fixture.harness.ledger().first)
            #expect(receipt.session == auth.session)
            #expect(receipt.sha256 == entry.files.map(\.sha256))
            #expect(receipt.sha256 == (try files.map { try sha256Hex(of: $0.path) }))
            #expect(announced.withLock { $0 } == [0: receipt.sha256[0], 1: receipt.sha256[1]])
            #expect(receipt.bodyBytes > files.reduce(0) { $0 + $1.size })
            #expect(receipt.uploadSeconds > 0)
        }
    }

    @Test(
        "upload with digests from the selection: the bytes sent are hashed again; a file whose bytes differ is refused before the body ends"
    )
    func uploadWithDigestsGivenChecksTheBytesSent() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            var files = [
                try fixture.photo(.front, name: "IMG_0001.jpg", seed: 21, width: 400, height: 300),
                try fixture.photo(.rear, name: "IMG_0002.jpg", seed: 22),
            ]
            files[0].sha256 = try sha256Hex(of: files[0].path)
            files[1].sha256 = try sha256Hex(of: files[1].path)
            let auth = try await fixture.authenticate()
            let receipt = try await fixture.client.uploadWithReceipt(
                UploadRequest(session: auth.session, caseID: "CASE-GIVEN", files: files), auth: auth, progress: { _ in }
            )
            let entry = try #require(await fixture.harness.ledger().first)
            #expect(receipt.sha256 == files.map { $0.sha256 ?? "" })
            #expect(entry.files.map(\.sha256) == receipt.sha256)

            // Same size, other bytes than when it was chosen: the closing boundary never leaves, nothing is accepted.
            files[1].sha256 = String(repeating: "0", count: 64)
            let second = try await fixture.authenticate()
            await #expect(throws: (any Error).self) {
                _ = try await fixture.client.uploadWithReceipt(
                    UploadRequest(session: second.session, caseID: "CASE-CHANGED", files: files), auth: second,
                    progress: { _ in })
            }
            #expect(await fixture.harness.ledger().count == 1)
        }
    }

    @Test(
        "upload: one request, the server receives every byte under the slot-prefixed names; progress reaches the total")
    func uploadSucceeds() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let files = [
                try fixture.photo(.front, name: "IMG_0001.jpg", seed: 1, width: 400, height: 300),
                try fixture.photo(.frontLeft, name: "IMG_0042.jpg", seed: 2, width: 640, height: 480),
                try fixture.photo(.damage, name: "close up.jpeg", seed: 3),
            ]
            let auth = try await fixture.authenticate()
            let reports = Mutex<[UploadProgress]>([])
            let accepted = try await fixture.client.upload(
                UploadRequest(
                    session: auth.session, caseID: "CASE-12345", files: files, emailID: "desk@example.com",
                    callbackURL: nil, agentID: "A7", agentName: "Ana"),
                auth: auth
            ) { progress in reports.withLock { $0.append(progress) } }
            #expect(accepted == auth.session)

            let ledger = await fixture.harness.ledger()
            #expect(ledger.count == 1)
            let entry = try #require(ledger.first)
            #expect(entry.caseID == "CASE-12345")
            #expect(entry.session == auth.session)
            #expect(
                entry.files.map(\.name) == ["front_IMG_0001.jpg", "front-left_IMG_0042.jpg", "damage_close up.jpeg"])
            #expect(entry.files.map(\.size) == files.map(\.size))
            #expect(entry.files.map(\.sha256) == (try files.map { try sha256Hex(of: $0.path) }))

            let all = reports.withLock { $0 }
            let last = try #require(all.last)
            #expect(last.sent == last.total)
            #expect(last.total == files.reduce(0) { $0 + $1.size })
            #expect(last.current == nil)
            #expect(last.files.map(\.name) == files.map(\.uploadName))
            // Bytes only ever go forward.
            for (earlier, later) in zip(all, all.dropFirst()) { #expect(earlier.sent <= later.sent) }

            // Tokens and the key never reach the log.
            let logText = fixture.log.text
            #expect(logText.contains("upload accepted"))
            #expect(!logText.contains(auth.accessToken))
            #expect(!logText.contains(auth.refreshToken))
            #expect(!logText.contains(Fixture.apiKey))
        }
    }

    @Test("the upload Bearer is the refresh token: the access token in its place gets 401 token invalid")
    func bearerIsRefreshToken() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let files = [try fixture.photo(.front, name: "IMG_1.jpg")]
            let auth = try await fixture.authenticate()
            #expect(auth.uploadBearer == auth.refreshToken)
            // The "natural" mistake: the access token as Bearer.
            let swapped = AuthSession(
                session: auth.session, accessToken: auth.accessToken, refreshToken: auth.accessToken,
                issuedAt: auth.issuedAt,
                expiresAt: auth.expiresAt)
            let request = UploadRequest(session: auth.session, caseID: "CASE-1", files: files)
            #expect(
                await apiError { _ = try await fixture.client.upload(request, auth: swapped) { _ in } } == .tokenInvalid
            )
            #expect(await fixture.harness.ledger().isEmpty)
            // The same request with the right Bearer is accepted: the session was not spent by the refusal.
            #expect(try await fixture.client.upload(request, auth: auth) { _ in } == auth.session)
        }
    }

    @Test("upload: each documented refusal maps to its error")
    func uploadErrors() async throws {
        let fixture = try await Fixture.start()
        try await stopAfter(fixture) {
            let photo = try fixture.photo(.front, name: "IMG_1.jpg")

            // Missing a required field: no photos at all.
            var auth = try await fixture.authenticate()
            #expect(
                await apiError {
                    _ = try await fixture.client.upload(
                        .init(session: auth.session, caseID: "CASE-1", files: []), auth: auth
                    ) { _ in }
                } == .missingRequiredField)

            // Unsupported file type: a .jpg that is really text.
            let fakePath = fixture.directory + "/notes.jpg"
            try Data("this is not a photo, just some text".utf8).write(to: URL(fileURLWithPath: fakePath))
            let fake = try fixture.file(at: fakePath, slot: .rear)
            #expect(
                await apiError {
                    _ = try await fixture.client.upload(
                        .init(session: auth.session, caseID: "CASE-1", files: [photo, fake]), auth: auth
                    ) { _ in }
                } == .unsupportedFileType("rear_notes.jpg"))

            // Too many files: 100 tiny photos.
            let hundred = (0..<100).map { index in
                UploadFile(path: photo.path, uploadName: "damage_\(index).jpg", size: photo.size, mediaType: .jpeg)
            }
            #expect(
                await apiError {
                    _ = try await fixture.client.upload(
                        .init(session: auth.session, caseID: "CASE-1", files: hundred), auth: auth
                    ) { _ in }
                } == .tooManyFiles)

            // Images and videos mixed: a photo and a (minimal but plausible) MP4 over 1 MB.
            let videoPath = fixture.directory + "/walk.mp4"
            var video = Data([0, 0, 0, 0x18] + Array("ftypisom".utf8))
            video.append(Data(count: 1_200_000))
            try video.write(to: URL(fileURLWithPath: videoPath))
            let clip = try fixture.file(at: videoPath, slot: .damage, mediaType: .mp4)
            #expect(
                await apiError {
                    _ = try await fixture.client.upload(
                        .init(session: auth.session, caseID: "CASE-1", files: [photo, clip]), auth: auth
                    ) { _ in }
                } == .mixedMedia)

            // A session the server never issued.
            #expect(
                await apiError {
                    _ = try await fixture.client.upload(
                        .init(session: "in999920250101000000", caseID: "CASE-1", files: [photo]), auth: auth
                    ) { _ in }
                } == .sessionNotIssued)

            // A spent session: accepted once, then "already exists".
            auth = try await fixture.authenticate()
            let request = UploadRequest(session: auth.session, caseID: "CASE-2", files: [photo])
            #expect(try await fixture.client.upload(request, auth: auth) { _ in } == auth.session)
            #expect(
                await apiError { _ = try await fixture.client.upload(request, auth: auth) { _ in } }
                    == .inspectionAlreadyExists)
            #expect(await fixture.harness.ledger().map(\.caseID) == ["CASE-2"])
        }
    }
}
