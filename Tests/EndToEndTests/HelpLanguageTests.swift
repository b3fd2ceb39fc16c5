import Foundation
import InspektTestSupport
import Testing

/// `--help` and the lines of `import-result` and `db migrate` in the operator's language, from the real binary:
/// Hindi and Spanish where asked, English for a language without a catalog. Nothing here reaches Inspektlabs, so
/// the base URL points at a port nobody listens on.
@Suite(.timeLimit(.minutes(5)))
struct HelpLanguageTests {
    static let hindi: [String: String?] = ["INSPEKT_LANG": "hi"]
    static let spanish: [String: String?] = ["INSPEKT_LANG": "es"]
    static let unknown: [String: String?] = ["INSPEKT_LANG": "xx"]

    /// English sentences of `submit --help` and `status --help`, each on one line of the English help.
    static let english = [
        "Upload one inspection and exit once Inspektlabs accepted it.", "Vehicle plate or VIN.",
        "List every inspection: state, photo count", "Only inspections of this case.",
    ]

    func help(_ cli: CLI, _ environment: [String: String?]) async throws -> String {
        var text = ""
        for command in ["submit", "status"] {
            let outcome = try await cli.run([command, "--help"], environment: environment)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            text += outcome.stdout
        }
        return text
    }

    @Test func helpInHindiAndSpanish() async throws {
        let cli = try CLI(baseURL: "http://127.0.0.1:9")
        let hindi = try await help(cli, Self.hindi)
        for words in [
            "OVERVIEW: एक निरीक्षण अपलोड करें और Inspektlabs के स्वीकार करते ही बाहर निकलें।", "वाहन की नंबर प्लेट या VIN।",
            "OVERVIEW: हर निरीक्षण की सूची", "सिर्फ़ इस केस के निरीक्षण।",
            // The option names and example values stay as typed; the slots are filled in.
            "--case <case>", "जैसे CASE-12345।", "सिर्फ़ damage में कई फ़ोटो",
        ] {
            #expect(hindi.contains(words), "\(words)\n\(hindi)")
        }
        let spanish = try await help(cli, Self.spanish)
        for words in [
            "OVERVIEW: Subir una inspección y salir cuando Inspektlabs la acepte.", "Matrícula o VIN del vehículo.",
            "OVERVIEW: Listar todas las inspecciones", "Solo las inspecciones de este caso.",
        ] {
            #expect(spanish.contains(words), "\(words)\n\(spanish)")
        }
        for text in [hindi, spanish] {
            for english in Self.english { #expect(!text.contains(english), "\(english)") }
            #expect(!text.contains("{slots}") && !text.contains("{types}"))
        }
    }

    @Test func helpInAnUnknownLanguageIsEnglish() async throws {
        let cli = try CLI(baseURL: "http://127.0.0.1:9")
        let text = try await help(cli, Self.unknown)
        for english in Self.english { #expect(text.contains(english), "\(english)\n\(text)") }
        #expect(text.contains("front, front-left, left,") && text.contains("only damage may hold several."), "\(text)")
        #expect(!text.contains("निरीक्षण") && !text.contains("inspección"))
    }

    @Test func importResultAndDatabaseLinesInHindi() async throws {
        let cli = try CLI(baseURL: "http://127.0.0.1:9")
        let garbage = cli.directory + "/garbage.json"
        try Data("not a result".utf8).write(to: URL(fileURLWithPath: garbage))
        let malformed = try await cli.run(["import-result", garbage], environment: Self.hindi)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("नतीजा पढ़ा नहीं जा सकता: "), "\(malformed.stderr)")
        #expect(!malformed.stderr.contains("The result cannot be read"))

        // A name with an escape character is shown escaped, inside the Hindi sentence.
        let missing = cli.directory + "/gone\u{1B}[2J.json"
        let unreadable = try await cli.run(["import-result", missing], environment: Self.hindi)
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains(".json पढ़ी नहीं जा सकती: पाथ और उसकी अनुमतियाँ जाँचें।"), "\(unreadable.stderr)")
        #expect(!unreadable.stderr.contains("\u{1B}"))

        let document: [String: Any] = [
            "status": "Available", "caseId": "CASE-NOPE", "inspectionId": "in-nobody-sent-this",
            "relevantImages": [] as [Any],
        ]
        let stray = cli.directory + "/stray.json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: stray))
        let unknown = try await cli.run(["import-result", stray], environment: Self.hindi)
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.contains("इस कियॉस्क पर किसी निरीक्षण की निरीक्षण आईडी in-nobody-sent-this नहीं है"),
            "\(unknown.stderr)")

        let migrate = try await cli.run(["db", "migrate"], environment: Self.hindi)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stderr.contains("inspekt.sqlite का डेटाबेस अप-टू-डेट है।"), "\(migrate.stderr)")
        #expect(!migrate.stderr.contains("is up to date"))
    }
}
