import ArgumentParser
import InspektApp

/// `--help` in the operator's language. The commands' configurations and options are built when the command line
/// is parsed, after the process started, so `Terminal.language` has the environment to choose from.
extension ArgumentHelp {
    /// An option's help line from the catalogs, each `{name}` filled.
    static func words(
        _ key: String, _ values: KeyValuePairs<String, String> = [:], valueName: String? = nil
    ) -> ArgumentHelp {
        ArgumentHelp(Terminal.words(key, values), valueName: valueName)
    }
}
