import Foundation
import InspektCore
import InspektLanguage
import Testing

@testable import InspektApp

#if canImport(Glibc)
    import Glibc
#endif

/// The linear mode's questions over real file descriptors: a wrong answer is said in a sentence and asked again,
/// one end of input is explained and a second one leaves, and no byte of it is an escape sequence.
@Suite struct LineConversationTests {
    /// A conversation reading `typed` from a pipe (closed after it: the end of input) and writing to another.
    struct Piped {
        let conversation: LineConversation
        let outputRead: Int32
        let descriptors: [Int32]

        init(typed: String) {
            var input: [Int32] = [0, 0]
            var output: [Int32] = [0, 0]
            _ = pipe(&input)
            _ = pipe(&output)
            _ = Array(typed.utf8).withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
            close(input[1])
            conversation = LineConversation(input: input[0], output: output[1])
            outputRead = output[0]
            descriptors = [input[0], output[1]]
        }

        /// Everything said so far (the writing side is closed first).
        func said() -> String {
            for descriptor in descriptors { close(descriptor) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(outputRead, &buffer, buffer.count)
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            close(outputRead)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func aWrongAnswerIsSaidAndAskedAgain() throws {
        let piped = Piped(typed: "maybe\r\n  Y \n")
        #expect(try piped.conversation.askYesNo("Send? (y/n):"))
        let said = piped.said()
        #expect(said == "Send? (y/n): Please type y for yes or n for no.\nSend? (y/n): ")
    }

    @Test func oneEndOfInputIsExplainedAndASecondLeaves() throws {
        let piped = Piped(typed: "")
        #expect(throws: ConversationEnded.self) { try piped.conversation.askText("Case id:") }
        let said = piped.said()
        #expect(said.contains("Input ended (Ctrl-D). Press Ctrl-D again to leave inspekt, or answer the question."))
        #expect(said.components(separatedBy: "Case id:").count == 3, "asked twice: \(said)")
        #expect(!said.contains("\u{1B}"))
    }

    @Test func aLastLineWithoutItsNewlineIsStillAnAnswer() throws {
        let piped = Piped(typed: "CASE-1")
        #expect(try piped.conversation.askText("Case id:") == "CASE-1")
        _ = piped.said()
    }

    @Test func photoNumbersOutsideTheListAreRefusedInASentence() throws {
        let photos = (1...3).map { InboxItem(name: "p\($0).jpg", path: "/in/p\($0).jpg", modified: Date()) }
        #expect(
            try LinearSession.pick("2", from: photos, several: false, words: Languages.english).get().map(\.name) == [
                "p2.jpg"
            ])
        #expect(try LinearSession.pick("", from: photos, several: false, words: Languages.english).get().isEmpty)
        #expect(
            try LinearSession.pick("1 3", from: photos, several: true, words: Languages.english).get().map(\.name) == [
                "p1.jpg", "p3.jpg",
            ])
        for wrong in ["0", "4", "two", "-1"] {
            guard
                case .failure(let problem) = LinearSession.pick(
                    wrong, from: photos, several: false, words: Languages.english)
            else {
                Issue.record("\(wrong) was taken")
                continue
            }
            #expect(
                problem.sentence == "There is no photo \(wrong): type a number from 1 to 3, or press Enter to skip.")
        }
        guard
            case .failure(let problem) = LinearSession.pick(
                "1 2", from: photos, several: false, words: Languages.english)
        else {
            Issue.record("two numbers for one slot were taken")
            return
        }
        #expect(problem.sentence == "Type one number, or press Enter to skip.")
    }
}
