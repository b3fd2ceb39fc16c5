/// The texts of one language, with English under it: a key missing from the language's catalog reads in English,
/// and one missing from both reads as itself (the catalog check in `scripts/test` keeps that from shipping).
///
/// Texts name their values in braces (`{count} photos`, gettext's `python-brace-format`), so that a translation
/// may put them in its own order.
public struct Localizer: Sendable, Hashable {
    public let language: String
    private let catalog: Catalog?
    private let english: Catalog

    public init(language: String, catalog: Catalog?, english: Catalog) {
        self.language = language
        self.catalog = catalog
        self.english = english
    }

    /// `key`'s text with each `{name}` replaced by its value.
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        Self.fill(catalog?.text(key) ?? english.text(key) ?? key, values)
    }

    /// The form of `key` that `count` takes; `{count}` reads as the number in the language's form.
    public func callAsFunction(
        _ key: String, count: Int, _ values: KeyValuePairs<String, String> = [:]
    ) -> String {
        let text = catalog?.text(key, count: count) ?? english.text(key, count: count) ?? key
        return Self.fill(Self.fill(text, values), ["count": number(count)])
    }

    /// A whole number as the language writes it.
    public func number(_ value: Int) -> String { NumberStyle(language: language).integer(value) }

    /// A number with `digits` decimals as the language writes it.
    public func decimal(_ value: Double, digits: Int) -> String {
        NumberStyle(language: language).decimal(value, digits: digits)
    }

    /// One language's texts are the same texts.
    public static func == (a: Localizer, b: Localizer) -> Bool { a.language == b.language }
    public func hash(into hasher: inout Hasher) { hasher.combine(language) }

    static func fill(_ text: String, _ values: KeyValuePairs<String, String>) -> String {
        guard text.contains("{") else { return text }
        var out = text
        for (name, value) in values { out = out.replacingOccurrences(of: "{\(name)}", with: value) }
        return out
    }
}
