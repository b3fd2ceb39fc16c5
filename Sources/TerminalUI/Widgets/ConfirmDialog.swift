import InspektCore

/// A question that blocks the screen until answered with one of its keys.
public struct ConfirmDialog: Sendable, Hashable {
    /// What an answer does.
    public enum Outcome: Sendable, Hashable {
        case quit
        case keepDraftAndLeave
        case discardDraftAndLeave
        /// The operator's word that Inspektlabs does not have it: send again with a new session (may bill twice).
        case uploadAgainAsNew(id: String)
        case cancel
        /// Submit although the checks doubt some photos.
        case submitDoubtful
        /// Submit a case id that already has an accepted inspection on this kiosk.
        case submitAgain
        /// Put a photo already sent with another inspection on a slot all the same.
        case assignSentPhoto(path: String, slot: CoverageSlot)
        /// Compare two inspections although they name different vehicles.
        case compareDifferentVehicles(beforeID: String, afterID: String)
    }

    public struct Choice: Sendable, Hashable {
        public var key: Character
        public var label: String
        public var outcome: Outcome
    }

    public var title: String
    public var message: String
    public var choices: [Choice]

    public init(title: String, message: String, choices: [Choice]) {
        self.title = title
        self.message = message
        self.choices = choices
    }

    /// Asked before quitting with uploads unfinished or results still to come.
    static func quitWhileWorking(uploading: Int, processing: Int) -> ConfirmDialog {
        var sentences: [String] = []
        if uploading > 0 {
            sentences.append(
                "\(uploading) upload\(uploading == 1 ? " is" : "s are") not finished. They continue the next time inspekt starts."
            )
        }
        if processing > 0 {
            sentences.append(
                "\(processing) inspection\(processing == 1 ? " is" : "s are") processing at Inspektlabs. Their results still "
                    + "arrive with the board closed: this kiosk's receiver stays until they are in (inspekt status shows it)."
            )
        }
        return ConfirmDialog(
            title: "Quit inspekt?",
            message: sentences.joined(separator: " "),
            choices: [
                Choice(key: "y", label: "quit now", outcome: .quit),
                Choice(key: "n", label: "stay", outcome: .cancel),
            ])
    }

    /// Asked before quitting while drafts wait for the fleet database: they are kept on this kiosk (the service's
    /// outbox writes each to the data folder as it changes), but no other kiosk sees them until a board here saves them.
    static func quitWithWorkHeld(_ outage: DatabaseReach) -> ConfirmDialog {
        let drafts = outage.waiting.count
        let one = drafts == 1
        return ConfirmDialog(
            title: "Quit inspekt?",
            message:
                "The database at \(outage.away ?? "") cannot be reached: \(drafts) draft\(one ? "" : "s") typed since "
                + "\(one ? "is" : "are") kept on this kiosk. The next board here saves \(one ? "it" : "them") once the database "
                + "answers and sends what was submitted; until then no other kiosk sees \(one ? "it" : "them").",
            choices: [
                Choice(key: "y", label: "quit; kept on this kiosk", outcome: .quit),
                Choice(key: "n", label: "stay", outcome: .cancel),
            ])
    }

    static func uploadAgainAsNew(id: String, caseID: String) -> ConfirmDialog {
        ConfirmDialog(
            title: "Upload again as a new inspection?",
            message:
                "Only if the Inspektlabs portal does not have case \(SafeText.escape(caseID)). The earlier upload may have been accepted: a new inspection may bill twice.",
            choices: [
                Choice(key: "y", label: "not in the portal: upload again", outcome: .uploadAgainAsNew(id: id)),
                Choice(key: "n", label: "keep waiting", outcome: .cancel),
            ])
    }

    static let leaveCaseEntry = ConfirmDialog(
        title: "Leave this case?",
        message: "The form is filled in. Keep it as a draft on the board, or throw it away?",
        choices: [
            Choice(key: "k", label: "keep as draft", outcome: .keepDraftAndLeave),
            Choice(key: "d", label: "discard", outcome: .discardDraftAndLeave),
            Choice(key: "n", label: "stay", outcome: .cancel),
        ])

    /// Draws the dialog centred on the screen.
    func draw(into screen: inout Screen, options: RenderOptions) {
        let glyphs = options.glyphs
        let width = min(screen.size.width - 4, 60)
        guard width > 10 else { return }
        let lines = TextWidth.wrap(message, to: width - 4)
        let answer = choices.map { "[\($0.key)] \($0.label)" }.joined(separator: "   ")
        let height = lines.count + 4
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        screen.box(rect, title: title, glyphs: glyphs, style: .role(.warn, bold: true))
        for (i, line) in lines.enumerated() {
            screen.put(line, x: rect.x + 2, y: rect.y + 1 + i, maxWidth: width - 4)
        }
        screen.put(answer, x: rect.x + 2, y: rect.maxY - 2, maxWidth: width - 4, style: .role(.focus, bold: true))
    }
}
