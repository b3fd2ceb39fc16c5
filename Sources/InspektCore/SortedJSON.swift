import Foundation

/// Compact JSON text with every object's keys sorted exactly as `JSONSerialization`'s `.sortedKeys` sorts
/// them, when every key is a lower-case identifier (`a`–`z`, digits, `_`); nil otherwise.
///
/// `.sortedKeys` compares keys with the system locale, which loads ICU's collation data: about 6 MB of
/// memory, the largest thing `submit --json` touched after its upload. For identifier keys that order is
/// `_` before digit runs (compared by value) before letters, and is computed here; the values themselves
/// are still written by `JSONSerialization`, one at a time.
public enum SortedJSON {
    public static func text(
        _ object: Any, options: JSONSerialization.WritingOptions = [.withoutEscapingSlashes]
    ) -> String? {
        var out = ""
        return write(object, to: &out, options: options) ? out : nil
    }

    private static func write(_ value: Any, to out: inout String, options: JSONSerialization.WritingOptions) -> Bool {
        if let object = value as? [String: Any] {
            guard object.keys.allSatisfy(isIdentifier) else { return false }
            out += "{"
            for (index, key) in object.keys.sorted(by: precedes).enumerated() {
                if index > 0 { out += "," }
                guard write(key, to: &out, options: options), let member = object[key] else { return false }
                out += ":"
                guard write(member, to: &out, options: options) else { return false }
            }
            out += "}"
        } else if let array = value as? [Any] {
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                guard write(element, to: &out, options: options) else { return false }
            }
            out += "]"
        } else {
            // A scalar, written inside a one-element array so that it is formatted as before.
            guard let data = try? JSONSerialization.data(withJSONObject: [value], options: options), data.count >= 2
            else { return false }
            out += String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        return true
    }

    static func isIdentifier(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Locale order of two identifier keys, with digit runs compared as numbers.
    static func precedes(_ one: String, _ other: String) -> Bool {
        var left = Array(one.utf8)[...]
        var right = Array(other.utf8)[...]
        while let a = left.first, let b = right.first {
            let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
            if isDigit(a) && isDigit(b) {
                let leftRun = left.prefix(while: isDigit)
                let rightRun = right.prefix(while: isDigit)
                // Compared by value: strip leading zeros, then a longer run is a larger number.
                let leftValue = leftRun.drop { $0 == 0x30 }
                let rightValue = rightRun.drop { $0 == 0x30 }
                if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
                if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) }
                left = left.dropFirst(leftRun.count)
                right = right.dropFirst(rightRun.count)
                continue
            }
            if a != b {
                // `_` (punctuation) sorts before digits, digits before letters.
                let rank = { (byte: UInt8) in byte == 0x5F ? 0 : isDigit(byte) ? 1 : 2 }
                return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
            }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        return left.isEmpty && !right.isEmpty
    }
}
