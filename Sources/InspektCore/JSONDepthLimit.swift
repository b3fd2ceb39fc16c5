import Foundation

/// A JSON text with every value nested deeper than a limit replaced by `null`, so that a parser with a
/// nesting limit (or a recursive one, which a deep enough document would take to the end of its stack)
/// still reads the shallow fields. Iterative, one pass, no recursion; the input is never changed.
public enum JSONDepthLimit {
    /// `data` unchanged when nothing is nested deeper than `maxDepth`; else a copy with each container
    /// that opens at depth `maxDepth` written as `null`.
    public static func flattened(_ data: Data, maxDepth: Int) -> Data {
        guard depth(of: data) > maxDepth else { return data }
        var out = Data()
        out.reserveCapacity(data.count)
        var depth = 0
        var inString = false
        var escaped = false
        var skipping = 0  // > 0 while inside a container that is being replaced
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                if skipping == 0 { out.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if skipping == 0 { out.append(byte) }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if skipping > 0 {
                    skipping += 1
                } else if depth == maxDepth {
                    skipping = 1
                    out.append(contentsOf: Array("null".utf8))
                } else {
                    depth += 1
                    out.append(byte)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if skipping > 0 {
                    skipping -= 1
                } else {
                    depth -= 1
                    out.append(byte)
                }
            default:
                if skipping == 0 { out.append(byte) }
            }
        }
        return out
    }

    /// The deepest nesting of arrays and objects in a JSON text (strings are skipped).
    public static func depth(of data: Data) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
