import InspektCore
import InspektLanguage

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
    static func quitWhileWorking(uploading: Int, processing: Int, words: Localizer) -> ConfirmDialog {
        var sentences: [String] = []
        if uploading > 0 { sentences.append(words("dialog.quit.uploading", count: uploading)) }
        if processing > 0 { sentences.append(words("dialog.quit.processing", count: processing)) }
        return ConfirmDialog(
            title: words("dialog.quit.title"),
            message: sentences.joined(separator: " "),
            choices: [
                Choice(key: "y", label: "dialog.quit-now", outcome: .quit),
                Choice(key: "n", label: "dialog.stay", outcome: .cancel),
            ])
    }

    /// Asked before quitting while drafts wait for the fleet database: they are kept on this kiosk (the service's
    /// outbox writes each to the data folder as it changes), but no other kiosk sees them until a board here saves them.
    static func quitWithWorkHeld(_ outage: DatabaseReach, words: Localizer) -> ConfirmDialog {
        ConfirmDialog(
            title: words("dialog.quit.title"),
            message: words("dialog.quit.held", count: outage.waiting.count, ["database": outage.away ?? ""]),
            choices: [
                Choice(key: "y", label: "dialog.quit-kept", outcome: .quit),
                Choice(key: "n", label: "dialog.stay", outcome: .cancel),
            ])
    }

    static func uploadAgainAsNew(id: String, caseID: String, words: Localizer) -> ConfirmDialog {
        ConfirmDialog(
            title: words("dialog.upload-again.title"),
            message: words("dialog.upload-again", ["case": SafeText.escape(caseID)]),
            choices: [
                Choice(key: "y", label: "dialog.upload-again-yes", outcome: .uploadAgainAsNew(id: id)),
                Choice(key: "n", label: "dialog.keep-waiting", outcome: .cancel),
            ])
    }

    static func leaveCaseEntry(words: Localizer) -> ConfirmDialog {
        ConfirmDialog(
            title: words("dialog.leave.title"),
            message: words("dialog.leave"),
            choices: [
                Choice(key: "k", label: "dialog.keep-as-draft", outcome: .keepDraftAndLeave),
                Choice(key: "d", label: "dialog.discard", outcome: .discardDraftAndLeave),
                Choice(key: "n", label: "dialog.stay", outcome: .cancel),
            ])
    }

    /// Draws the dialog centred on the screen.
    func draw(into screen: inout Screen, options: RenderOptions) {
        let glyphs = options.glyphs
        let width = min(screen.size.width - 4, 60)
        guard width > 10 else { return }
        let lines = TextWidth.wrap(message, to: width - 4)
        let answer = choices.map { "[\($0.key)] " + options.words($0.label) }.joined(separator: "   ")
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
