import Testing

/// The real binary in tmux picks its language from the environment, the POSIX way.
@Suite("the board in the operator's language, end to end", .timeLimit(.minutes(3)))
struct LanguageEndToEndTests {
    @Test(
        "INSPEKT_LANG=hi reads Hindi, LC_ALL=es_ES.UTF-8 Spanish, an unknown language English: the board and its help",
        arguments: [
            (
                ["INSPEKT_LANG": "hi"], ["केस आईडी", "3 निरीक्षण", "ड्राफ़्ट", "n नया केस"],
                ["कुंजियाँ: बोर्ड", "वाहन का इतिहास"]
            ),
            (
                ["LC_ALL": "es_ES.UTF-8", "LANG": "es_ES.UTF-8"],
                ["Caso", "Vehículo", "3 inspecciones", "Borrador", "n caso nuevo"],
                ["Teclas: Tablero", "historial del vehículo"]
            ),
            (
                ["LC_ALL": "xx_YY.UTF-8", "LANG": "xx_YY.UTF-8"], ["Case id", "Vehicle", "3 inspections", "Draft"],
                ["Keys: Board", "vehicle history"]
            ),
        ])
    func theBoardSpeaksTheLanguageAsked(language: [String: String], expected: [String], help: [String]) throws {
        let board = try SeededBoard.start(count: 3, environment: language)
        defer { board.stop() }
        let tmux = board.tmux
        let screen = try tmux.waitFor("the board in its language") { screen in
            expected.allSatisfy { screen.contains($0) }
        }
        #expect(screen.contains("BENCH-00002"))
        try tmux.send("?")
        _ = try tmux.waitFor("help in its language") { screen in help.allSatisfy { screen.contains($0) } }
        try tmux.send("Escape")
        try tmux.send("q")
    }
}
