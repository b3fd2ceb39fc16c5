import InspektLanguage

extension Localizer {
    /// "1—21 of 37": the lines shown of a scrolled text.
    func position(_ first: Int, through last: Int, of count: Int, dash: String) -> String {
        self("detail.lines", ["first": number(first), "dash": dash, "last": number(last), "count": number(count)])
    }

    /// "2 of 5": where the operator is in a list.
    func position(_ index: Int, of count: Int) -> String {
        self("detail.position", ["index": number(index), "count": number(count)])
    }
}
