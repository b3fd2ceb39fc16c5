import InspektCore
import InspektLanguage

extension Localizer {
    /// "1—21 of 37": the lines shown of a scrolled text.
    func position(_ first: Int, through last: Int, of count: Int, dash: String) -> String {
        self("detail.lines", ["first": number(first), "dash": dash, "last": number(last), "count": number(count)])
    }

    /// "2 of 5": where the operator is in a list.
    func position(_ index: Int, of count: Int) -> String {
        self("detail.position", ["index": number(index), "count": number(count)])
    }
}

extension Localizer {
    /// Why a pickup photo stands beside a return photo: "same angle", "this angle faces the left front door".
    func counterpart(_ pickup: PickupCounterpart) -> String {
        switch pickup.reason {
        case .sameSlot: self("compare.same-angle")
        case .partInResult(let part): self("compare.part-in-result", ["part": SafeText.escape(part)])
        case .facingSlot(let part): self("compare.facing", ["part": SafeText.escape(part)])
        }
    }

    /// "2 new damages found", "No new damage found".
    func newDamage(_ result: ResultSummary) -> String {
        let count = result.totalDamageEntries
        return count == 0 ? self("compare.no-new-damage") : self("compare.new-damage", count: count)
    }
}
