/// The catalogs shipped in the program (`po/*.po`, embedded at build time so that an installed binary needs no
/// files beside it), and the operator's choice among them.
public enum Languages {
    /// Each language's `.po` text.
    static let sources: [String: [UInt8]] = [
        "en": PackageResources.en_po, "es": PackageResources.es_po, "hi": PackageResources.hi_po,
    ]

    public static var available: Set<String> { Set(sources.keys) }

    /// The catalog of `language`; a shipped one that does not read is a bug the tests catch, and reads as absent.
    public static func catalog(_ language: String) -> Catalog? {
        guard let bytes = sources[language] else { return nil }
        return try? Catalog(utf8: bytes)
    }

    /// English, the source and the fallback.
    public static let english = Localizer(
        language: LanguageChoice.english, catalog: nil, english: Self.catalog(LanguageChoice.english) ?? .empty)

    /// The texts of the language the environment asks for (`LanguageChoice`).
    public static func localizer(environment: [String: String]) -> Localizer {
        localizer(language: LanguageChoice.language(environment: environment, available: available))
    }

    public static func localizer(language: String) -> Localizer {
        guard language != LanguageChoice.english, let catalog = catalog(language) else { return english }
        return Localizer(language: language, catalog: catalog, english: Self.catalog(LanguageChoice.english) ?? .empty)
    }
}

extension Catalog {
    static let empty = try! Catalog(po: "")
}
