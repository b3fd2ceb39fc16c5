import ArgumentParser
import Foundation
import InspektCore
import InspektService

/// `inspekt submit`: one inspection from the command line, validated first, then uploaded.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Upload one inspection and exit once Inspektlabs accepted it.",
        discussion: """
            Checks the case id and every photo before anything is sent: a photo under 320×240 is \
            refused, a blurred, too dark or too bright one or the same picture on two slots is \
            asked about on a terminal and refused otherwise (--force sends anyway); missing \
            walk-around slots need --missing-reason; a case id accepted before needs --again. \
            Then takes each photo's SHA-256 (kept with the inspection) and uploads all photos in one request. Prints the inspection id (the Inspektlabs session) once the upload is accepted.

            Exit codes: 0 accepted, 1 upload failed (the inspection waits as failed-retryable; see \
            `inspekt resume --retry-failed`), 2 bad input or configuration.

            Configuration: INSPEKT_API_KEY (required), INSPEKT_BASE_URL, INSPEKT_CLIENT_ID, \
            INSPEKT_DATA_DIR, INSPEKT_CALLBACK_BASE, INSPEKT_RECEIVER_LISTEN.
            """)

    @Option(name: .customLong("case"), help: "Case reference: letters, digits and hyphens, e.g. CASE-12345.")
    var caseID: String

    @Option(
        name: .customLong("photo"),
        help: ArgumentHelp(
            "A photo for a slot, as SLOT=PATH (repeatable). Slots: \(CoverageSlot.allCases.map(\.rawValue).joined(separator: ", ")); only damage may hold several.",
            valueName: "slot=path"))
    var photos: [String] = []

    @Option(help: "Vehicle plate or VIN.")
    var vehicle: String = ""

    @Option(
        name: .customLong("vehicle-type"),
        help: "One of: \(VehicleType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var vehicleType: String?

    @Option(help: "Where Inspektlabs e-mails the report.")
    var email: String = ""

    @Option(name: .customLong("agent-id"), help: "Who captured the photos (id).")
    var agentID: String = ""

    @Option(name: .customLong("agent-name"), help: "Who captured the photos (name).")
    var agentName: String = ""

    @Option(help: "Free notes kept with the inspection on this kiosk.")
    var notes: String = ""

    @Option(name: .customLong("missing-reason"), help: "Why walk-around photos are missing, if any are.")
    var missingReason: String?

    @Flag(help: "Print one JSON object instead of the bare inspection id.")
    var json = false

    @Flag(help: "Send without the local photo checks (size, sharpness, exposure, duplicates).")
    var force = false

    @Flag(help: "Submit even though this case id already has an accepted inspection on this kiosk.")
    var again = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration()
        let (facts, selection) = try validatedInput()
        let service = try CommandEnvironment.openService(configuration, label: "submit")
        let hangup = HangupGuard(
            logger: FileLogHandler.logger(label: "inspekt.submit", directory: configuration.dataDirectory),
            what: "submit of case \(facts.caseID)")
        defer { withExtendedLifetime(hangup) {} }
        try SubmitGate(force: force, again: again, missingReason: missingReason, json: json)
            .check(caseID: facts.caseID, selection: selection, store: service.store, refuse: refuse)

        let inspection: Inspection
        do {
            var draft = try service.createDraft(facts)
            draft.photos = selection
            draft.missingReason = missingReason
            try service.save(draft)
            inspection = draft
        } catch let error as ServiceError {
            refuse([error.description])
        }

        let caseID = facts.caseID
        let unreachable = CallbackReachability.warning(for: configuration)
        if let unreachable { Terminal.note("warning: " + unreachable.message) }
        for note in PhotoValidator.linkNotes(in: selection) { Terminal.note(note) }
        let progress = Terminal.followProgress(service) { _ in caseID }
        defer { progress.cancel() }
        do {
            let session = try await service.submit(id: inspection.id, missingReason: missingReason, hashWhileSending: true)
            progress.cancel()
            Terminal.endProgress()
            if json {
                let stored = (try? service.inspection(id: inspection.id)) ?? inspection
                var object: [String: Any] = [
                    "id": inspection.id, "inspection_id": session, "case_id": caseID, "state": stored.state.rawValue,
                    "photos": stored.photos.count,
                    "files": stored.photos.map { ["slot": $0.slot.rawValue, "name": $0.uploadName, "size": $0.size, "sha256": $0.sha256 ?? ""] },
                    "callback_url": (try? service.callbackURL(id: inspection.id)).flatMap { $0 } ?? "",
                ]
                // The request's own figures (first body byte to acceptance), absent when the acceptance
                // was confirmed after a lost reply rather than by this request.
                if let receipt = await service.queue.lastUpload(inspectionID: inspection.id) {
                    object["bytes"] = receipt.bodyBytes
                    object["upload_seconds"] = receipt.uploadSeconds
                }
                Terminal.json(object)
            } else {
                Terminal.line(session)
            }
            Terminal.note(Self.whereTheResultArrives(
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
            throw ExitCode(1)
        }
    }

    /// Everything the operator typed, checked before any file is hashed or any request is made.
    private func validatedInput() throws -> (CaseFacts, [PhotoSelection]) {
        var problems: [String] = []
        if let problem = CaseIDRule.problem(in: caseID) { problems.append(problem.message) }
        if let problem = EmailRule.problem(in: email) { problems.append(problem.message) }
        var type: VehicleType?
        if let vehicleType {
            type = VehicleType(rawValue: vehicleType.lowercased())
            if type == nil {
                problems.append(
                    "Vehicle type \"\(SafeText.escape(vehicleType))\" is not one of: \(VehicleType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        var selection: [PhotoSelection] = []
        for argument in photos {
            guard let equals = argument.firstIndex(of: "=") else {
                problems.append("--photo \(SafeText.escape(argument)) needs the form SLOT=PATH, e.g. front=IMG_0042.jpg.")
                continue
            }
            let slotName = String(argument[..<equals])
            let path = String(argument[argument.index(after: equals)...])
            guard let slot = CoverageSlot(argument: slotName) else {
                problems.append(
                    "\"\(SafeText.escape(slotName))\" is not a slot; use one of: \(CoverageSlot.allCases.map(\.rawValue).joined(separator: ", ")).")
                continue
            }
            guard !path.isEmpty else {
                problems.append("--photo \(slot.rawValue)= has no file path.")
                continue
            }
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            selection.append(PhotoSelection(slot: slot, path: (absolute as NSString).standardizingPath))
        }
        if photos.isEmpty {
            problems.append("No photos given: add --photo SLOT=PATH for each photo, e.g. --photo front=IMG_0042.jpg.")
        } else {
            problems += PhotoValidator.problems(in: selection)
        }
        if !problems.isEmpty { refuse(problems) }
        let facts = CaseFacts(
            caseID: caseID, vehicle: vehicle, vehicleType: type, agentID: agentID, agentName: agentName, email: email,
            notes: notes)
        return (facts, selection)
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
        return "Inspektlabs will post the result to \(SafeText.escape(base)) (the board or `inspekt receiver` must be "
            + "running there to store it). \(see); \(importing)."
    }

    /// Prints every problem and exits with code 2 (bad input); nothing was sent.
    private func refuse(_ problems: [String]) -> Never {
        for problem in problems { Terminal.error(problem) }
        if json { Terminal.json(["state": "refused", "errors": problems]) }
        SubmitCommand.exit(withError: ExitCode(2))
    }
}
