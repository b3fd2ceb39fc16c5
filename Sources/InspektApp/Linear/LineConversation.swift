import Foundation
import InspektCore
import InspektLanguage
import InspektWords

#if canImport(Glibc)
    import Glibc
#endif

/// The operator left the conversation: two Ctrl-D in a row (or the end of piped input).
struct ConversationEnded: Error {}

/// The operator chose not to send this inspection: back to the first question.
struct CaptureAbandoned: Error {}

/// Plain lines in, plain lines out, for a screen reader or a braille display: a prompt ends with a colon and
/// waits on its line; nothing moves the cursor, clears the screen or colours text.
final class LineConversation: @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private let lock = NSLock()
    let words: Localizer

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, words: Localizer = Languages.english) {
        self.input = input
        self.output = output
        self.words = words
    }

    /// Writes one whole line (a progress line from another task never lands inside a prompt's answer).
    func say(_ line: String) {
        write(line + "\n")
    }

    private func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// One line typed, without its newline; nil at the end of input. Read a byte at a time with read(2): stdio
    /// would remember an end of input, and a terminal's Ctrl-D ends only the line it is pressed on.
    private func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(input, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            if byte != 0x0D { bytes.append(byte) }
        }
    }

    /// Asks until `check` takes the answer (trimmed): it returns the value, or a sentence that says what is
    /// wrong, which is said before the question is asked again. One Ctrl-D is explained; a second one leaves.
    func ask<Value>(_ prompt: String, _ check: (String) -> Result<Value, AnswerProblem>) throws -> Value {
        var ended = false
        while true {
            write(prompt + " ")
            guard let line = readLine() else {
                if ended { throw ConversationEnded() }
                ended = true
                write("\n")
                say(words("linear.input-ended"))
                continue
            }
            ended = false
            switch check(line.trimmingCharacters(in: .whitespaces)) {
            case .success(let value): return value
            case .failure(let problem): say(problem.sentence)
            }
        }
    }

    /// A free answer; empty is allowed.
    func askText(_ prompt: String) throws -> String {
        try ask(prompt) { .success($0) }
    }

    /// y or n (yes/no, any letter case).
    func askYesNo(_ prompt: String) throws -> Bool {
        try ask(prompt) { answer in
            switch answer.lowercased() {
            case "y", "yes": .success(true)
            case "n", "no": .success(false)
            default: .failure(AnswerProblem(words("linear.yes-no")))
            }
        }
    }
}

/// Why an answer was not taken, as a sentence said before the question comes again.
struct AnswerProblem: Error {
    var sentence: String
    init(_ sentence: String) { self.sentence = sentence }
}
