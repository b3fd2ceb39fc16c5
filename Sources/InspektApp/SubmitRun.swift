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
            refuse(["The local database could not be read: \(SafeText.escape(String(describing: error)))"])
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
            refuse([(error as? ServiceError)?.description ?? SafeText.escape(String(describing: error))])
        }
        if let qScores {
            do { try service.keepQScores(qScores, inspectionID: inspection.id) } catch {
                Terminal.note(
                    "warning: the Q Scores could not be kept with the inspection: \(SafeText.escape(String(describing: error)))"
                )
            }
        }

        let caseID = facts.caseID
        let unreachable = CallbackReachability.warning(for: configuration)
        if let unreachable { Terminal.note("warning: " + unreachable.message) }
        if VehicleKey.normalised(facts.vehicle).isEmpty {
            Terminal.note(
                "warning: no plate or VIN (--vehicle): this inspection cannot be compared with a later one of the same car."
            )
        }
        for note in PhotoValidator.linkNotes(in: selection) { Terminal.note(note) }
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
            Terminal.error("upload of case \(caseID) failed: \(reason)")
            Terminal.note("The inspection is kept; run `inspekt resume --retry-failed` to try again.")
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
        if let problem = CaseIDRule.problem(in: request.caseID) { problems.append(problem.message) }
        if let problem = EmailRule.problem(in: request.email) { problems.append(problem.message) }
        var type: VehicleType?
        if let vehicleType = request.vehicleType {
            type = VehicleType(rawValue: vehicleType.lowercased())
            if type == nil {
                problems.append(
                    "Vehicle type \"\(SafeText.escape(vehicleType))\" is not one of: \(VehicleType.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
        }
        var selection: [PhotoSelection] = []
        if let video = request.video {
            if !request.photos.isEmpty {
                problems.append(
                    "--video goes alone: Inspektlabs never takes images and videos in one upload. Send the video "
                        + "walk-around, or the photos (--photo), as two inspections.")
            } else if video.isEmpty {
                problems.append("--video has no file path.")
            } else {
                selection = [PhotoSelection(slot: .video, path: absolutePath(video))]
                problems += PhotoValidator.problems(in: selection)
            }
        }
        for argument in request.photos where request.video == nil {
            guard let equals = argument.firstIndex(of: "=") else {
                problems.append(
                    "--photo \(SafeText.escape(argument)) needs the form SLOT=PATH, e.g. front=IMG_0042.jpg.")
                continue
            }
            let slotName = String(argument[..<equals])
            let path = String(argument[argument.index(after: equals)...])
            guard let slot = CoverageSlot(argument: slotName) else {
                problems.append(
                    "\"\(SafeText.escape(slotName))\" is not a slot; use one of: \(CoverageSlot.allCases.map(\.rawValue).joined(separator: ", "))."
                )
                continue
            }
            guard slot != .video else {
                problems.append("A video walk-around is given with --video FILE, alone, not as --photo video=.")
                continue
            }
            guard !path.isEmpty else {
                problems.append("--photo \(slot.rawValue)= has no file path.")
                continue
            }
            selection.append(PhotoSelection(slot: slot, path: absolutePath(path)))
        }
        if request.video != nil {
            // Checked above, alone.
        } else if request.photos.isEmpty {
            problems.append(
                "No photos given: add --photo SLOT=PATH for each photo, e.g. --photo front=IMG_0042.jpg (or --video FILE)."
            )
        } else {
            problems += PhotoValidator.problems(in: selection)
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
        let see = "See it with `inspekt status --case \(caseID)` (or on the board)"
        let importing = "a result downloaded from the Inspektlabs portal loads with `inspekt import-result FILE`"
        guard reachable, let callbackURL else {
            return "The result cannot be delivered to this kiosk; \(importing). \(see)."
        }
        // The address carries the inspection's token: only its base is shown.
        let base = callbackURL.components(separatedBy: "/callbacks/").first ?? callbackURL
        return "Inspektlabs will post the result to \(SafeText.escape(base)), where the receiver stores it (also after "
            + "this command exits; `inspekt status` shows which process receives). \(see); \(importing)."
    }

    /// Prints every problem and exits with code 2 (bad input); nothing was sent.
    static func refuse(_ problems: [String], json: Bool) -> Never {
        for problem in problems { Terminal.error(problem) }
        if json { Terminal.json(["state": "refused", "errors": problems]) }
        exit(2)
    }
}
