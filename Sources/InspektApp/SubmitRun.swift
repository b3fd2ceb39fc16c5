import Foundation
import InspektCore
import InspektService

#if canImport(Glibc)
    import Glibc
#endif

/// What `inspekt submit` was given, as typed.
public struct SubmitRequest: Sendable {
    public var caseID: String
    public var photos: [String]
    public var vehicle: String
    public var vehicleType: String?
    public var email: String
    public var agentID: String
    public var agentName: String
    public var notes: String
    public var missingReason: String?
    public var json: Bool
    public var force: Bool
    public var again: Bool
    /// `--no-qscore`: Q Score is not asked even when `INSPEKT_QSCORE_URL` is set.
    public var noQScore = false
    /// `--video FILE`: a video walk-around, sent alone instead of photos (API.md §7).
    public var video: String?

    public init(
        caseID: String, photos: [String], vehicle: String, vehicleType: String?, email: String, agentID: String,
        agentName: String, notes: String, missingReason: String?, json: Bool, force: Bool, again: Bool
    ) {
        (self.caseID, self.photos, self.vehicle, self.vehicleType) = (caseID, photos, vehicle, vehicleType)
        (self.email, self.agentID, self.agentName, self.notes) = (email, agentID, agentName, notes)
        (self.missingReason, self.json, self.force, self.again) = (missingReason, json, force, again)
    }
}

/// `inspekt submit`: checks what was typed and the photos, stores the inspection, uploads it with a
/// progress line on a terminal, and prints the inspection id (or one JSON object) once accepted.
public struct SubmitRun {
    let request: SubmitRequest
    let configuration: ServiceConfiguration
    let service: InspektService

    public init(request: SubmitRequest, configuration: ServiceConfiguration, service: InspektService) {
        self.request = request
        self.configuration = configuration
        self.service = service
    }

    /// Uploads and reports; false when the upload failed (the inspection waits as failed-retryable).
    /// `localChecks`: the photo checks started before the service opened (`SubmitGate.startLocalChecks`).
    public func run(
        facts: CaseFacts, selection: [PhotoSelection], localChecks: Task<[PhotoFinding], Never>? = nil
    ) async -> Bool {
        let json = request.json
        let missingReason = request.missingReason
        let refuse = { (problems: [String]) -> Never in Self.refuse(problems, json: json) }
        let hangup = HangupGuard(
            logger: FileLogHandler.logger(label: "inspekt.submit", directory: configuration.dataDirectory),
            what: "submit of case \(facts.caseID)")
        defer { withExtendedLifetime(hangup) {} }
        do {
            try await SubmitGate(force: request.force, again: request.again, missingReason: missingReason, json: json)
                .check(
                    caseID: facts.caseID, selection: selection, service: service, refuse: refuse,
                    localChecks: localChecks)
        } catch {
            refuse([Terminal.words("cli.database.unreadable", ["error": SafeText.escape(String(describing: error))])])
        }

        // Before any session: a refusal here leaves nothing stored and nothing sent.
        // Q Score judges photos; a video walk-around has none.
        let isVideo = selection.contains { $0.slot == .video }
        let qScores = await SubmitQScoreStep(force: request.force, skip: request.noQScore || isVideo, json: json)
            .check(caseID: facts.caseID, selection: selection, service: service, refuse: refuse)

        let inspection: Inspection
        do {
            var draft = try service.createDraft(facts)
            draft.photos = selection
            draft.missingReason = missingReason
            try service.save(draft)
            inspection = draft
        } catch {
            refuse([Terminal.reason(error)])
        }
        if let qScores {
            do { try service.keepQScores(qScores, inspectionID: inspection.id) } catch {
                Terminal.note(
                    Terminal.words("cli.qscore.not-kept", ["error": SafeText.escape(String(describing: error))]))
            }
        }

        let caseID = facts.caseID
        let unreachable = CallbackReachability.warning(for: configuration)
        if let unreachable {
            let message = Terminal.callbackWarning(unreachable, configuration: configuration)
            Terminal.note(Terminal.words("cli.warning", ["message": message]))
        }
        if VehicleKey.normalised(facts.vehicle).isEmpty {
            Terminal.note(Terminal.words("cli.submit.no-vehicle"))
        }
        for note in PhotoValidator.linkNotes(in: selection, words: Terminal.language) { Terminal.note(note) }
        let interrupt = InterruptNotice(
            caseID: SafeText.escape(caseID),
            logger: FileLogHandler.logger(label: "inspekt.submit", directory: configuration.dataDirectory))
        let progress = Terminal.followProgress(service) { _ in caseID }
        defer { progress.cancel() }
        do {
            let session = try await service.submit(
                id: inspection.id, missingReason: missingReason, hashWhileSending: true)
            interrupt.markAccepted()
            progress.cancel()
            Terminal.endProgress()
            if json {
                Terminal.json(await service.submitReceipt(id: inspection.id, session: session))
            } else {
                Terminal.line(session)
            }
            Terminal.note(
                Self.whereTheResultArrives(
                    caseID: caseID, callbackURL: (try? service.callbackURL(id: inspection.id)).flatMap { $0 },
                    reachable: unreachable?.resultsArrive ?? true))
        } catch let ServiceError.invalid(problems) {
            refuse(problems)
        } catch {
            progress.cancel()
            Terminal.endProgress()
            let reason = (error as? ServiceError)?.description ?? "\(error)"
            Terminal.error(Terminal.words("cli.submit.failed", ["case": caseID, "reason": Terminal.reason(error)]))
            Terminal.note(Terminal.words("cli.submit.kept"))
            if json {
                let state = (try? service.inspection(id: inspection.id))?.state.rawValue ?? "failed-retryable"
                Terminal.json(["id": inspection.id, "case_id": caseID, "state": state, "error": reason])
            }
            return false
        }
        return true
    }

    /// Everything the operator typed, checked before any file is hashed or any request is made.
    public static func validated(_ request: SubmitRequest) -> (CaseFacts, [PhotoSelection]) {
        var problems: [String] = []
        if let problem = CaseIDRule.problem(in: request.caseID) { problems.append(Terminal.problem(problem)) }
        if let problem = EmailRule.problem(in: request.email) { problems.append(Terminal.problem(problem)) }
        var type: VehicleType?
        if let vehicleType = request.vehicleType {
            type = VehicleType(rawValue: vehicleType.lowercased())
            if type == nil {
                problems.append(
                    Terminal.words(
                        "cli.submit.vehicle-type",
                        [
                            "type": SafeText.escape(vehicleType),
                            "types": VehicleType.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
            }
        }
        var selection: [PhotoSelection] = []
        if let video = request.video {
            if !request.photos.isEmpty {
                problems.append(Terminal.words("cli.submit.video-alone"))
            } else if video.isEmpty {
                problems.append(Terminal.words("cli.submit.video-no-path"))
            } else {
                selection = [PhotoSelection(slot: .video, path: absolutePath(video))]
                problems += PhotoValidator.problems(in: selection, words: Terminal.language)
            }
        }
        for argument in request.photos where request.video == nil {
            guard let equals = argument.firstIndex(of: "=") else {
                problems.append(Terminal.words("cli.submit.photo-form", ["argument": SafeText.escape(argument)]))
                continue
            }
            let slotName = String(argument[..<equals])
            let path = String(argument[argument.index(after: equals)...])
            guard let slot = CoverageSlot(argument: slotName) else {
                problems.append(
                    Terminal.words(
                        "cli.submit.not-a-slot",
                        [
                            "slot": SafeText.escape(slotName),
                            "slots": CoverageSlot.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
                continue
            }
            guard slot != .video else {
                problems.append(Terminal.words("cli.submit.photo-video"))
                continue
            }
            guard !path.isEmpty else {
                problems.append(Terminal.words("cli.submit.photo-no-path", ["slot": slot.rawValue]))
                continue
            }
            selection.append(PhotoSelection(slot: slot, path: absolutePath(path)))
        }
        if request.video != nil {
            // Checked above, alone.
        } else if request.photos.isEmpty {
            problems.append(Terminal.words("cli.submit.no-photos"))
        } else {
            problems += PhotoValidator.problems(in: selection, words: Terminal.language)
        }
        if !problems.isEmpty { refuse(problems, json: request.json) }
        let facts = CaseFacts(
            caseID: request.caseID, vehicle: request.vehicle, vehicleType: type, agentID: request.agentID,
            agentName: request.agentName, email: request.email, notes: request.notes)
        return (facts, selection)
    }

    static func absolutePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (absolute as NSString).standardizingPath
    }

    /// Where Inspektlabs will post the result and how the operator sees it once it is there.
    static func whereTheResultArrives(caseID: String, callbackURL: String?, reachable: Bool) -> String {
        guard reachable, let callbackURL else {
            return Terminal.words("cli.submit.result.undeliverable", ["case": caseID])
        }
        // The address carries the inspection's token: only its base is shown.
        let base = callbackURL.components(separatedBy: "/callbacks/").first ?? callbackURL
        return Terminal.words("cli.submit.result.posted", ["base": SafeText.escape(base), "case": caseID])
    }

    /// Prints every problem and exits with code 2 (bad input); nothing was sent.
    static func refuse(_ problems: [String], json: Bool) -> Never {
        for problem in problems { Terminal.error(problem) }
        if json { Terminal.json(["state": "refused", "errors": problems]) }
        exit(2)
    }
}
