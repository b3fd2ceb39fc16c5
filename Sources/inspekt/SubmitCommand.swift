import ArgumentParser
import Foundation
import InspektApp
import InspektCore
import InspektService

/// `inspekt submit`: one inspection from the command line, validated first, then uploaded.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Upload one inspection and exit once Inspektlabs accepted it.",
        discussion: """
            Checks the case id and every photo before anything is sent: a photo under 320×240 is \
            refused, a blurred, too dark or too bright one, the same picture on two slots, or a photo \
            whose bytes were already sent with another inspection (named by its case id, whatever the \
            file is called now) is asked about on a terminal and refused otherwise (--force sends \
            anyway); a JPEG that ends before its picture does is refused as incomplete, --force or not; missing \
            walk-around slots need --missing-reason; a case id accepted before needs --again. \
            Then takes each photo's SHA-256 (kept with the inspection) and uploads all photos in one request. Prints the inspection id (the Inspektlabs session) once the upload is accepted.

            --video FILE sends a video walk-around instead of photos, alone in its request (never with --photo): an \
            mp4, webm, mov, mkv or avi file of more than 1 MB and less than 100 MB whose content is the container its \
            name says (its duration is read from it; `inspekt status` shows it). It is refused before any request otherwise.

            Exit codes: 0 accepted, 1 upload failed (the inspection waits as failed-retryable; see \
            `inspekt resume --retry-failed`), 2 bad input or configuration, 130 interrupted by Ctrl-C (the upload \
            reads "interrupted"; `inspekt resume` continues it with the same inspection).

            The result comes later, to this kiosk's receiver: when none runs, submit starts \
            `inspekt receiver --until-idle`, which stays after submit exits and leaves once no result is awaited.

            With INSPEKT_QSCORE_URL set, Inspektlabs' Photo Quality API (Q Score) is asked about every photo before \
            the upload session is opened: a photo that scores 2 of 5 or less, or shows another side of the car than \
            its slot, is named and refused (--force sends anyway, --no-qscore skips Q Score). Q Score down, slow or \
            refusing the account leaves photos "not checked" and never holds the upload back. The scores are kept \
            with the inspection (`inspekt status --json`, photo_quality).

            Configuration: INSPEKT_API_KEY (required), INSPEKT_BASE_URL, INSPEKT_CLIENT_ID, \
            INSPEKT_DATA_DIR, INSPEKT_CALLBACK_BASE, INSPEKT_RECEIVER_LISTEN, INSPEKT_QSCORE_URL.
            """)

    @Option(name: .customLong("case"), help: "Case reference: letters, digits and hyphens, e.g. CASE-12345.")
    var caseID: String

    @Option(
        name: .customLong("photo"),
        help: ArgumentHelp(
            "A photo for a slot, as SLOT=PATH (repeatable). Slots: \(CoverageSlot.allCases.map(\.rawValue).joined(separator: ", ")); only damage may hold several.",
            valueName: "slot=path"))
    var photos: [String] = []

    @Option(
        help: ArgumentHelp(
            "A video walk-around (mp4, webm, mov, mkv or avi; more than 1 MB, less than 100 MB), sent alone instead of photos.",
            valueName: "file"))
    var video: String?

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

    @Flag(
        help:
            "Send without the local photo checks (size, sharpness, exposure, duplicates, photos already sent with another case) and whatever Q Score says; an incomplete JPEG is refused all the same."
    )
    var force = false

    @Flag(help: "Submit even though this case id already has an accepted inspection on this kiosk.")
    var again = false

    @Flag(
        name: .customLong("no-qscore"), help: "Do not ask Q Score about the photos, even with INSPEKT_QSCORE_URL set.")
    var noQScore = false

    func run() async throws {
        let configuration = try CommandEnvironment.configuration()
        var request = SubmitRequest(
            caseID: caseID, photos: photos, vehicle: vehicle, vehicleType: vehicleType, email: email, agentID: agentID,
            agentName: agentName, notes: notes, missingReason: missingReason, json: json, force: force, again: again)
        request.noQScore = noQScore
        request.video = video
        let (facts, selection) = SubmitRun.validated(request)
        // The photo checks read only the photos: they run while the database opens.
        let localChecks = force ? nil : SubmitGate.startLocalChecks(selection)
        let service = try CommandEnvironment.openService(configuration, label: "submit")
        let accepted = await SubmitRun(request: request, configuration: configuration, service: service)
            .run(facts: facts, selection: selection, localChecks: localChecks)
        if !accepted { throw ExitCode(1) }
    }
}
