import Foundation
import InspektCore
import InspektService

/// `inspekt --linear`: the whole capture as a conversation of plain lines, for a screen reader: the case's facts,
/// the inbox as a numbered list, one question per walk-around slot, the reason for missing sides, the checks'
/// findings as sentences, "Send? (y/n):", progress lines, the inspection id; then the board as a list on request.
/// It calls the same service and checks as the board and `inspekt submit`; no rule is written twice.
public struct LinearSession: Sendable {
    let service: InspektService
    let inbox: String
    let readOnly: Bool
    /// Paces the progress lines.
    let clock: WallClock
    let talk = LineConversation()

    public init(service: InspektService, inbox: String, readOnly: Bool = false, clock: WallClock = .live) {
        self.service = service
        self.inbox = inbox
        self.readOnly = readOnly
        self.clock = clock
    }

    public func run() async {
        talk.say("inspekt, plain lines. Answer each question and press Enter; Ctrl-D twice leaves.")
        do {
            if readOnly {
                talk.say("Read-only: the board is shown, nothing can be changed.")
                showBoard()
                return
            }
            while true {
                let next = try talk.ask("Type n for a new inspection, b for the board as a list, or q to quit:") {
                    answer in
                    ["n", "b", "q"].contains(answer.lowercased())
                        ? .success(answer.lowercased()) : .failure(AnswerProblem("Please type n, b or q."))
                }
                switch next {
                case "n":
                    do { try await capture() } catch is CaptureAbandoned {}
                case "b": showBoard()
                default: return
                }
            }
        } catch {
            talk.say("Goodbye: inspekt leaves here. Anything sent goes on being processed; nothing else was sent.")
        }
    }

    /// One inspection from its case id to accepted (or refused, or failed, said as such).
    func capture() async throws {
        let facts = try askFacts()
        var selection: [PhotoSelection]
        var missingReason: String?
        var qScores: QScoreReport?
        while true {
            guard let chosen = try await choosePhotos() else { return }
            selection = chosen
            guard let reason = try askMissingReason(selection) else { continue }
            missingReason = reason
            guard let report = try await checksPass(caseID: facts.caseID, selection: selection) else { continue }
            qScores = report
            break
        }
        guard try talk.askYesNo("Send? (y/n):") else {
            talk.say("Not sent. Nothing was stored for case \(SafeText.escape(facts.caseID)).")
            return
        }
        await send(facts: facts, selection: selection, missingReason: missingReason, qScores: qScores)
    }

    /// The case's facts, each checked by the rules the board's form uses.
    func askFacts() throws -> CaseFacts {
        let caseID = try talk.ask("Case id:") { answer in
            CaseIDRule.problem(in: answer).map { .failure(AnswerProblem($0.message)) } ?? .success(answer)
        }
        let vehicle = try talk.askText("Plate or VIN, Enter to skip:")
        let types = VehicleType.allCases.map(\.rawValue).joined(separator: ", ")
        let type: VehicleType? = try talk.ask("Vehicle type (\(types)), Enter to skip:") { answer in
            if answer.isEmpty { return .success(nil) }
            guard let type = VehicleType(rawValue: answer.lowercased()) else {
                return .failure(
                    AnswerProblem("\"\(SafeText.escape(answer))\" is not a vehicle type: type one of \(types)."))
            }
            return .success(type)
        }
        let email = try talk.ask("E-mail for the report, Enter to skip:") { answer in
            EmailRule.problem(in: answer).map { .failure(AnswerProblem($0.message)) } ?? .success(answer)
        }
        let last = service.lastAgent()
        let agentID = try talk.askText(
            last.id.isEmpty ? "Agent id, Enter to skip:" : "Agent id, Enter for \(SafeText.escape(last.id)):")
        let agentName = try talk.askText(
            last.name.isEmpty ? "Agent name, Enter to skip:" : "Agent name, Enter for \(SafeText.escape(last.name)):")
        let id = agentID.isEmpty ? last.id : agentID
        let name = agentName.isEmpty ? last.name : agentName
        service.rememberAgent(id: id, name: name)
        return CaseFacts(
            caseID: caseID, vehicle: vehicle, vehicleType: type, agentID: id, agentName: name, email: email)
    }
}
