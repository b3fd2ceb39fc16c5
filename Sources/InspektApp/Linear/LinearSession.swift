import Foundation
import InspektCore
import TerminalUI
import InspektLanguage
import InspektWords
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
    let talk: LineConversation
    var words: Localizer { talk.words }

    public init(
        service: InspektService, inbox: String, readOnly: Bool = false, clock: WallClock = .live,
        words: Localizer = Languages.english
    ) {
        self.service = service
        self.inbox = inbox
        self.readOnly = readOnly
        self.clock = clock
        self.talk = LineConversation(words: words)
    }

    public func run() async {
        talk.say(words("linear.hello"))
        do {
            if readOnly {
                talk.say(words("linear.read-only"))
                showBoard()
                return
            }
            while true {
                let next = try talk.ask(words("linear.menu")) {
                    answer in
                    ["n", "b", "q"].contains(answer.lowercased())
                        ? .success(answer.lowercased()) : .failure(AnswerProblem(words("linear.menu.again")))
                }
                switch next {
                case "n":
                    do { try await capture() } catch is CaptureAbandoned {}
                case "b": showBoard()
                default: return
                }
            }
        } catch {
            talk.say(words("linear.goodbye"))
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
        guard try talk.askYesNo(words("linear.send")) else {
            talk.say(words("linear.not-sent", ["case": SafeText.escape(facts.caseID)]))
            return
        }
        await send(facts: facts, selection: selection, missingReason: missingReason, qScores: qScores)
    }

    /// The case's facts, each checked by the rules the board's form uses.
    func askFacts() throws -> CaseFacts {
        let caseID = try talk.ask(words("linear.case")) { answer in
            CaseIDRule.problem(in: answer).map { .failure(AnswerProblem(words.problem($0))) } ?? .success(answer)
        }
        let vehicle = try talk.askText(words("linear.vehicle"))
        let types = VehicleType.allCases.map(words.vehicleType).joined(separator: ", ")
        let type: VehicleType? = try talk.ask(words("linear.type", ["types": types])) { answer in
            if answer.isEmpty { return .success(nil) }
            let folded = answer.lowercased()
            guard
                let type = VehicleType.allCases.first(where: {
                    $0.rawValue == folded || words.vehicleType($0).lowercased() == folded
                })
            else {
                return .failure(
                    AnswerProblem(words("linear.type.unknown", ["answer": SafeText.escape(answer), "types": types])))
            }
            return .success(type)
        }
        let email = try talk.ask(words("linear.email")) { answer in
            EmailRule.problem(in: answer).map { .failure(AnswerProblem(words.problem($0))) } ?? .success(answer)
        }
        let last = service.lastAgent()
        let agentID = try talk.askText(
            last.id.isEmpty
                ? words("linear.agent-id") : words("linear.agent-id.last", ["last": SafeText.escape(last.id)]))
        let agentName = try talk.askText(
            last.name.isEmpty
                ? words("linear.agent-name") : words("linear.agent-name.last", ["last": SafeText.escape(last.name)]))
        let id = agentID.isEmpty ? last.id : agentID
        let name = agentName.isEmpty ? last.name : agentName
        service.rememberAgent(id: id, name: name)
        return CaseFacts(
            caseID: caseID, vehicle: vehicle, vehicleType: type, agentID: id, agentName: name, email: email)
    }
}
