import Foundation

/// How a language writes numbers (CLDR): English `12,345.5`; Spanish `12.345,5`, grouping only from five digits;
/// Hindi in the Indian way, `12,34,567.5` (Western digits, as Hindi software and receipts use them).
struct NumberStyle {
    let group: String
    let decimalMark: String
    /// Digits before the first separator, then in each later group.
    let firstGroup: Int
    let laterGroups: Int
    /// Fewest digits for any grouping at all.
    let minimumDigits: Int

    init(language: String) {
        switch language.prefix(2) {
        case "es": (group, decimalMark, firstGroup, laterGroups, minimumDigits) = (".", ",", 3, 3, 5)
        case "hi": (group, decimalMark, firstGroup, laterGroups, minimumDigits) = (",", ".", 3, 2, 4)
        default: (group, decimalMark, firstGroup, laterGroups, minimumDigits) = (",", ".", 3, 3, 4)
        }
    }

    func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard digits.count >= minimumDigits else { return sign + digits }
        var groups: [Substring] = []
        var rest = Substring(digits)
        var size = firstGroup
        while rest.count > size {
            groups.insert(rest.suffix(size), at: 0)
            rest = rest.dropLast(size)
            size = laterGroups
        }
        groups.insert(rest, at: 0)
        return sign + groups.joined(separator: group)
    }

    func decimal(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(max(0, digits))f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let whole = Int(parts[0]) else { return text }
        // -0.4 rounds to "-0": the sign stays with the digits.
        let integer = (text.hasPrefix("-") && whole == 0 ? "-" : "") + self.integer(whole)
        return parts.count > 1 ? integer + decimalMark + parts[1] : integer
    }
}
