/// Which language the operator reads, chosen the POSIX way: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (the first
/// one set and not empty), with `INSPEKT_LANG` over all three. `es_ES.UTF-8@euro` asks for `es_ES`, then `es`;
/// `C`, `POSIX` and any language without a catalog read English, silently.
public enum LanguageChoice {
    public static let english = "en"

    public static func language(environment: [String: String], available: Set<String>) -> String {
        let asked = ["INSPEKT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"].lazy
            .compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let asked else { return english }
        for candidate in candidates(asked) where available.contains(candidate) { return candidate }
        return english
    }

    /// `es_ES.UTF-8@euro` → `es_ES`, `es`; lower-case language, as catalogs are named.
    static func candidates(_ locale: String) -> [String] {
        let name = locale.prefix { $0 != "." && $0 != "@" }
        let parts = name.split(whereSeparator: { $0 == "_" || $0 == "-" })
        guard let language = parts.first?.lowercased(), !language.isEmpty else { return [] }
        if parts.count > 1 { return ["\(language)_\(parts[1].uppercased())", language] }
        return [language]
    }
}
