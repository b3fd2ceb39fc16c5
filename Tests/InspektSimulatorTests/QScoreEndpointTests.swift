import Foundation
import InspektSimulator
import InspektTestSupport
import Testing

/// The simulated Q Score host (API.md §6) on the wire, never through the client: its own sessions, the Bearer,
/// the multipart fields, 400 for videos and corrupt input, and the verdict read from the photo's marker.
@Suite struct QScoreEndpointTests {
    func form(
        session: String, tag: String = "front_side", file: (String, [UInt8])?, extraFile: Bool = false
    ) -> MultipartForm {
        var form = MultipartForm()
        form.field("type", "file")
        form.field("session", session)
        form.field("case_id", "CASE-1")
        form.field("photo_tag", tag)
        if let file { form.file(file.0, file.1) }
        if extraFile, let file { form.file(file.0, file.1) }
        return form.finished()
    }

    func score(_ wire: SimulatorWire, bearer: String, _ form: MultipartForm) async throws -> SimulatorWire.Reply {
        try await wire.send(
            .POST, "/api/q_score",
            headers: [("Content-Type", form.contentType), ("Authorization", "Bearer \(bearer)")],
            body: form.bytes)
    }

    func jpeg(comment: String? = nil) throws -> [UInt8] {
        let path = try PhotoFixtures.temporaryDirectory() + "/p.jpg"
        if let comment {
            try PhotoFixtures.writeJPEG(to: path, width: 320, height: 240, seed: 1, comment: comment)
        } else {
            try PhotoFixtures.writeJPEG(to: path, width: 320, height: 240, seed: 1)
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func theVerdictComesFromThePhotosMarkerUnderData() async throws {
        let host = try await QScoreHarness.start()
        try await stopAfter(host) {
            let wire = SimulatorWire(baseURL: host.baseURL)
            let grant = try await wire.authenticate()
            #expect(grant.session.hasPrefix("qs"))
            let clean = try await score(
                wire, bearer: grant.accessToken,
                form(session: grant.session, tag: "rear_left", file: ("a.jpg", try jpeg())))
            #expect(clean.status == 200, "\(clean.text)")
            let data = try #require(clean.body["data"] as? [String: Any])
            #expect(data["Q_score"] as? String == "4")
            #expect(data["orientation"] as? String == "Rear")
            #expect(data["angle"] as? Int == 135)
            #expect(data["resolution"] as? String == "320 x 240")
            #expect(data["parts detected"] is [String: Any])

            let marked = try await score(
                wire, bearer: grant.accessToken,
                form(
                    session: grant.session,
                    file: ("b.jpg", try jpeg(comment: "qscore Q_score=1 blur=2 orientation=Left angle=Inconclusive"))))
            let figures = try #require(marked.body["data"] as? [String: Any])
            #expect(figures["Q_score"] as? String == "1")
            #expect(figures["blur"] as? Int == 2)
            #expect(figures["orientation"] as? String == "Left")
            #expect(figures["angle"] as? String == "Inconclusive")
        }
    }

    @Test func videosCorruptFilesMissingFieldsAndForeignSessionsAreRefused() async throws {
        let host = try await QScoreHarness.start()
        let damage = try await SimulatorHarness.start()
        try await stopAfter(host, damage) {
            let wire = SimulatorWire(baseURL: host.baseURL)
            let grant = try await wire.authenticate()
            let video = try await score(
                wire, bearer: grant.accessToken,
                form(session: grant.session, file: ("walk.mp4", TestImages.mp4(size: 2_000_000))))
            #expect(video.status == 400)
            #expect(video.message == "Unsupported file type: walk.mp4")
            let whole = try jpeg()
            let cut = try await score(
                wire, bearer: grant.accessToken,
                form(session: grant.session, file: ("cut.jpg", Array(whole.prefix(whole.count - 40)))))
            #expect(cut.status == 400)
            #expect(cut.message == "Corrupted file: cut.jpg")
            let none = try await score(wire, bearer: grant.accessToken, form(session: grant.session, file: nil))
            #expect(none.message == "Missing a required field")
            let two = try await score(
                wire, bearer: grant.accessToken, form(session: grant.session, file: ("a.jpg", whole), extraFile: true))
            #expect(two.message == "Missing a required field")
            // The refresh_token is not this host's Bearer by default; the damage API's tokens and sessions are foreign.
            let refresh = try await score(
                wire, bearer: grant.refreshToken, form(session: grant.session, file: ("a.jpg", whole)))
            #expect(refresh.status == 401)
            let upload = try await SimulatorWire(baseURL: damage.baseURL).authenticate()
            let foreignToken = try await score(
                wire, bearer: upload.accessToken, form(session: upload.session, file: ("a.jpg", whole)))
            #expect(foreignToken.status == 401)
            let foreignSession = try await score(
                wire, bearer: grant.accessToken, form(session: upload.session, file: ("a.jpg", whole)))
            #expect(foreignSession.status == 400)
            #expect(foreignSession.message == "Please hit authenticate endpoint first and use session from there")
            #expect(await host.requests().map(\.status) == [400, 400])
        }
    }
}
