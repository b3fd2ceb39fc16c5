/// Why a catalog could not be read.
public enum CatalogError: Error, Equatable, Sendable {
    /// A line the `.po` format does not allow (its number and text).
    case badLine(Int, String)
    /// A `Plural-Forms` header that is not `nplurals=N; plural=EXPRESSION;`.
    case badPluralForms(String)
}
