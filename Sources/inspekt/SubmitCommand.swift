import ArgumentParser
import Foundation
import InspektApp
import InspektCore
import InspektService

/// `inspekt submit`: one inspection from the command line, validated first, then uploaded.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: Terminal.words("help.submit.abstract"),
        discussion: Terminal.words("help.submit.discussion"))

    @Option(name: .customLong("case"), help: .words("help.submit.case"))
    var caseID: String

    @Option(
        name: .customLong("photo"),
        help: .words(
            "help.submit.photo", ["slots": CoverageSlot.allCases.map(\.rawValue).joined(separator: ", ")],
            valueName: "slot=path"))
    var photos: [String] = []

    @Option(
        help: .words("help.submit.video", valueName: "file"))
    var video: String?

    @Option(help: .words("help.submit.vehicle"))
    var vehicle: String = ""

    @Option(
        name: .customLong("vehicle-type"),
        help: .words(
            "help.submit.vehicle-type", ["types": VehicleType.allCases.map(\.rawValue).joined(separator: ", ")]))
    var vehicleType: String?

    @Option(help: .words("help.submit.email"))
    var email: String = ""

    @Option(name: .customLong("agent-id"), help: .words("help.submit.agent-id"))
    var agentID: String = ""

    @Option(name: .customLong("agent-name"), help: .words("help.submit.agent-name"))
    var agentName: String = ""

    @Option(help: .words("help.submit.notes"))
    var notes: String = ""

    @Option(name: .customLong("missing-reason"), help: .words("help.submit.missing-reason"))
    var missingReason: String?

    @Flag(help: .words("help.json.inspection-id"))
    var json = false

    @Flag(
        help: .words("help.submit.force"))
    var force = false

    @Flag(help: .words("help.submit.again"))
    var again = false

    @Flag(
        name: .customLong("no-qscore"), help: .words("help.submit.no-qscore"))
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
