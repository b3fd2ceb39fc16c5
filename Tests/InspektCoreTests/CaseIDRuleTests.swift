import InspektCore
import Testing

@Suite struct CaseIDRuleTests {
    @Test(arguments: ["CASE-12345", "a", "ABC-def-09", String(repeating: "x", count: 64)])
    func acceptsLettersDigitsAndHyphens(_ id: String) {
        #expect(CaseIDRule.problem(in: id) == nil)
    }

    @Test func refusesEmptyWithAnExample() throws {
        let problem = try #require(CaseIDRule.problem(in: ""))
        #expect(problem.message.contains("empty"))
        #expect(problem.message.contains("CASE-12345"))
    }

    @Test func refusesSpaceNamingItAndItsPosition() throws {
        let problem = try #require(CaseIDRule.problem(in: "CASE 1"))
        #expect(problem.message.contains("a space"))
        #expect(problem.message.contains("position 5"))
    }

    @Test func refusesSlash() throws {
        let problem = try #require(CaseIDRule.problem(in: "CASE/1"))
        #expect(problem.message.contains("slash"))
    }

    @Test func refusesAccentsSayingWhy() throws {
        let problem = try #require(CaseIDRule.problem(in: "CASÉ-1"))
        #expect(problem.message.contains("É"))
        #expect(problem.message.contains("accents"))
    }

    @Test func refusesControlCharactersShownEscaped() throws {
        let problem = try #require(CaseIDRule.problem(in: "CASE\u{1B}[2J"))
        #expect(problem.message.contains("\\e"))
        #expect(!problem.message.contains("\u{1B}"))
    }

    @Test func refusesOverSixtyFourCharacters() throws {
        let problem = try #require(CaseIDRule.problem(in: String(repeating: "A", count: 65)))
        #expect(problem.message.contains("65"))
        #expect(problem.message.contains("64"))
    }

    @Test func emailRule() {
        #expect(EmailRule.problem(in: "") == nil)
        #expect(EmailRule.problem(in: "ops@example.com") == nil)
        #expect(EmailRule.problem(in: "ops@example") != nil)
        #expect(EmailRule.problem(in: "ops example.com") != nil)
        #expect(EmailRule.problem(in: "@example.com") != nil)
    }

    /// One rule for "the same case" on the board and the command line: letter case aside, nothing else.
    @Test func theSameCaseIgnoresLetterCaseOnly() {
        #expect(CaseIDRule.sameCase("RETURN-7", "return-7"))
        #expect(CaseIDRule.sameCase("Return-7", "rEtUrN-7"))
        #expect(!CaseIDRule.sameCase("RETURN-7", "RETURN-07"))
        #expect(!CaseIDRule.sameCase("RETURN-7", "RETURN7"))
        #expect(
            CaseIDRule.letterCaseMisses(of: "return-7", in: ["RETURN-7", "RETURN-7", "Return-7", "RETURN-8"])
                == ["RETURN-7", "Return-7"])
        #expect(CaseIDRule.letterCaseMisses(of: "RETURN-7", in: ["RETURN-7"]).isEmpty, "an exact hit is no miss")
    }
}
