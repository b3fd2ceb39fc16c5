import Testing

@testable import InspektLanguage

struct CatalogTests {
    static let spanish = """
        # A comment
        msgid ""
        msgstr ""
        "Language: es\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        #. board header
        msgid "board.header.case"
        msgstr "Caso"

        msgid "board.photos"
        msgid_plural "board.photos"
        msgstr[0] "{count} foto"
        msgstr[1] "{count} fotos"

        #, fuzzy
        msgid "board.fuzzy"
        msgstr "Borrador dudoso"

        msgid "board.untranslated"
        msgstr ""

        msgid "board.long"
        msgstr ""
        "Primera parte, "
        "segunda \\"parte\\"\\n"
        """

    @Test func textsPluralsAndContinuationsAreRead() throws {
        let catalog = try Catalog(po: Self.spanish)
        #expect(catalog.text("board.header.case") == "Caso")
        #expect(catalog.text("board.photos", count: 1) == "{count} foto")
        #expect(catalog.text("board.photos", count: 0) == "{count} fotos")
        #expect(catalog.text("board.long") == "Primera parte, segunda \"parte\"\n")
    }

    @Test func fuzzyAndEmptyEntriesAreUntranslated() throws {
        let catalog = try Catalog(po: Self.spanish)
        #expect(catalog.text("board.fuzzy") == nil)
        #expect(catalog.text("board.untranslated") == nil)
        #expect(catalog.keys == ["board.header.case", "board.photos", "board.long"])
    }

    @Test func aBrokenLineIsNamedByItsNumber() {
        #expect(throws: CatalogError.badLine(2, "msgstr Caso")) {
            try Catalog(po: "msgid \"a\"\nmsgstr Caso\n")
        }
        #expect(throws: CatalogError.badLine(1, "\"orphan\"")) { try Catalog(po: "\"orphan\"\n") }
        #expect(throws: CatalogError.badLine(2, "msgstr \"bad \\q\"")) {
            try Catalog(po: "msgid \"a\"\nmsgstr \"bad \\q\"\n")
        }
    }

    @Test func linesAreTrimmedAndTextOutsideASCIIKept() throws {
        let po = "msgid \"a\"\t \n\tmsgstr \"फ़ोटो \\t ñ\"  \r\n  \"…\"\n#, fuzzy, c-format\nmsgid \"b\"\nmsgstr \"x\"\n"
        #expect(throws: CatalogError.badLine(2, "msgstr \"फ़ोटो \\t ñ\"  \r")) { try Catalog(po: po) }
        let catalog = try Catalog(po: po.replacingOccurrences(of: "\r", with: ""))
        #expect(catalog.text("a") == "फ़ोटो \t ñ…")
        #expect(catalog.text("b") == nil)
        // A no-break space at a line's end is trimmed as `String` trims it.
        #expect(try Catalog(po: "msgid \"c\"\u{00A0}\nmsgstr \"d\"\n").text("c") == "d")
    }

    @Test func aPluralMissingAFormIsUntranslated() throws {
        let catalog = try Catalog(
            po: """
                msgid ""
                msgstr "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

                msgid "photos"
                msgid_plural "photos"
                msgstr[0] "a"
                msgstr[1] "b"
                """)
        #expect(catalog.text("photos", count: 1) == nil)
    }
}

struct PluralRuleTests {
    @Test(arguments: [
        ("nplurals=2; plural=(n != 1);", [0: 1, 1: 0, 2: 1, 21: 1]),
        ("nplurals=2; plural=(n > 1);", [0: 0, 1: 0, 2: 1]),
        ("nplurals=1; plural=0;", [0: 0, 5: 0]),
        // Polish, as gettext's manual writes it.
        (
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            [1: 0, 2: 1, 4: 1, 5: 2, 12: 2, 22: 1, 25: 2, 112: 2]
        ),
        // Arabic's six forms.
        (
            "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
            [0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5]
        ),
    ])
    func formsFollowTheExpression(header: String, expected: [Int: Int]) throws {
        let rule = try PluralRule(header)
        for (n, form) in expected { #expect(rule.form(for: n) == form, "n = \(n)") }
    }

    @Test func notAndArithmeticFollowC() throws {
        let rule = try PluralRule("nplurals=3; plural=!(n % 2) + (n * 2 - 4) / 2 > 0;")
        #expect(rule.form(for: 1) == 0)
        #expect(rule.form(for: 4) == 1)
    }

    @Test(arguments: ["nplurals=2;", "plural=(n != 1);", "nplurals=2; plural=(n != 1;", "nplurals=2; plural=n $ 1;"])
    func aBrokenHeaderIsRefused(header: String) {
        #expect(throws: CatalogError.self) { try PluralRule(header) }
    }
}

struct LanguageChoiceTests {
    let available: Set<String> = ["en", "es", "hi"]

    @Test func posixOrderWithInspektLangOverAll() {
        #expect(LanguageChoice.language(environment: ["LANG": "es_ES.UTF-8"], available: available) == "es")
        #expect(
            LanguageChoice.language(environment: ["LANG": "es_ES.UTF-8", "LC_MESSAGES": "hi_IN"], available: available)
                == "hi")
        #expect(
            LanguageChoice.language(
                environment: ["LANG": "hi_IN", "LC_MESSAGES": "hi_IN", "LC_ALL": "es_MX.UTF-8@euro"],
                available: available) == "es")
        #expect(
            LanguageChoice.language(environment: ["LC_ALL": "es_ES.UTF-8", "INSPEKT_LANG": "hi"], available: available)
                == "hi")
        // Set but empty counts as unset.
        #expect(LanguageChoice.language(environment: ["LC_ALL": "", "LANG": "es"], available: available) == "es")
    }

    @Test(arguments: ["C", "POSIX", "C.UTF-8", "fr_FR.UTF-8", "zz", "", "_"])
    func anythingElseReadsEnglish(locale: String) {
        #expect(LanguageChoice.language(environment: ["LANG": locale], available: available) == "en")
    }
}

struct LocalizerTests {
    @Test func aMissingTextFallsBackToEnglishThenToItsKey() throws {
        let english = try Catalog(po: "msgid \"a\"\nmsgstr \"English A\"\nmsgid \"b\"\nmsgstr \"English B\"\n")
        let spanish = try Catalog(po: "msgid \"a\"\nmsgstr \"A en español, {name}\"\n")
        let words = Localizer(language: "es", catalog: spanish, english: english)
        #expect(words("a", ["name": "Ana"]) == "A en español, Ana")
        #expect(words("b") == "English B")
        #expect(words("c") == "c")
    }

    @Test func countsReadInTheLanguagesForm() throws {
        let po = """
            msgid ""
            msgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

            msgid "photos"
            msgid_plural "photos"
            msgstr[0] "{count} foto de {case}"
            msgstr[1] "{count} fotos de {case}"
            """
        let words = Localizer(language: "es", catalog: try Catalog(po: po), english: try Catalog(po: ""))
        #expect(words("photos", count: 1, ["case": "C-1"]) == "1 foto de C-1")
        #expect(words("photos", count: 12345, ["case": "C-1"]) == "12.345 fotos de C-1")
    }

    @Test func numbersInEachLanguagesForm() {
        let english = Languages.localizer(language: "en")
        let spanish = Languages.localizer(language: "es")
        let hindi = Languages.localizer(language: "hi")
        #expect(english.number(1_234_567) == "1,234,567")
        #expect(spanish.number(1234) == "1234")
        #expect(spanish.number(12345) == "12.345")
        #expect(hindi.number(1_234_567) == "12,34,567")
        #expect(hindi.number(-1000) == "-1,000")
        #expect(spanish.decimal(1234.5, digits: 1) == "1234,5")
        #expect(english.decimal(-0.04, digits: 1) == "-0.0")
    }

    @Test func everyShippedCatalogReadsAndKnowsItsLanguage() throws {
        for language in Languages.available {
            let bytes = try #require(Languages.sources[language])
            _ = try Catalog(po: String(decoding: bytes, as: UTF8.self))
        }
        #expect(Languages.localizer(environment: ["LANG": "es_ES.UTF-8"]).language == "es")
        #expect(Languages.localizer(environment: ["INSPEKT_LANG": "hi"]).language == "hi")
        #expect(Languages.localizer(environment: ["LANG": "de_DE.UTF-8"]).language == "en")
    }
}
