import Foundation
import InspektCore
import InspektLanguage
import InspektWords
import InspektService
import TerminalUI

/// The command line's texts in the operator's language, chosen once from the environment the POSIX way
/// (`INSPEKT_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`). `--json` output and the log stay English: machines read them.
extension Terminal {
    public static let language = Languages.localizer(environment: ProcessInfo.processInfo.environment)

    /// `key`'s text in the operator's language, each `{name}` filled.
    public static func words(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        language(key, values)
    }

    /// The form of `key` that `count` takes.
    public static func words(_ key: String, count: Int, _ values: KeyValuePairs<String, String> = [:]) -> String {
        language(key, count: count, values)
    }

    /// "; did you mean RETURN-7 or return-7?" for case ids that differ from what was typed only by letter case.
    public static func didYouMean(_ caseIDs: [String]) -> String {
        words("cli.did-you-mean", ["cases": caseIDs.map { SafeText.escape($0) }.joined(separator: words("cli.or"))])
    }

    /// Why a command failed, in the operator's language where the service names the reason.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? ConfigurationError {
            switch error {
            case .missingAPIKey: return words("cli.config.no-api-key")
            case .invalid(let variable, let reason):
                return words("cli.config.invalid", ["variable": variable, "reason": reason])
            }
        }
        guard let error = error as? ServiceError else { return SafeText.escape("\(error)") }
        switch error {
        case .notFound(let id): return words("cli.error.not-found", ["id": SafeText.escape(id)])
        case .wrongState(_, let state, let action):
            let named =
                switch action {
                case "retry": words("cli.error.action.retry")
                case "upload it again": words("cli.error.action.upload-again")
                case "change its photos": words("cli.error.action.change-photos")
                default: action
                }
            return words("cli.error.wrong-state", ["action": named, "state": language.state(state).lowercased()])
        case .busy(_, let holder):
            guard let holder else { return words("cli.error.busy.another") }
            let named = SafeText.escape(holder)
            return words("cli.error.busy", ["holder": named.prefix(1).uppercased() + named.dropFirst()])
        case .otherKiosk(let id, let kiosk):
            return words("cli.error.other-kiosk", ["id": SafeText.escape(id), "kiosk": SafeText.escape(kiosk)])
        case .mayHaveBeenAccepted: return words("cli.error.may-have-been-accepted")
        case .storage(let detail): return words("cli.error.storage", ["detail": SafeText.escape(detail)])
        case .acceptedButNotRecorded(let session, let detail):
            return words(
                "cli.error.accepted-not-recorded",
                ["session": SafeText.escape(session), "detail": SafeText.escape(String(detail.prefix(200)))])
        case .acceptedButLockLost(let id, let session, let holder):
            return words(
                "cli.error.accepted-lock-lost",
                [
                    "session": SafeText.escape(session), "id": SafeText.escape(id),
                    "holder": holder.map(SafeText.escape) ?? words("cli.error.another-process"),
                ])
        default: return error.description
        }
    }

    /// Why a comparison or a report's reference was refused.
    public static func refusal(_ error: ComparisonError) -> String {
        switch error {
        case .unknownReference(let reference):
            return words("cli.reference.unknown", ["reference": SafeText.escape(reference)])
        case .letterCase(let reference, let caseIDs):
            return words("cli.reference.unknown.near", ["reference": SafeText.escape(reference)])
                + didYouMean(caseIDs)
        case .ambiguousReference(let reference, let inspections):
            return words(
                "cli.reference.several", count: inspections.count, ["case": SafeText.escape(reference)])
                + "\n" + ComparisonError.listing(inspections)
        case .notAccepted(let reference, let state):
            return words(
                "cli.compare.not-accepted",
                ["inspection": SafeText.escape(reference), "state": language.state(state).lowercased()])
        case .sameInspection: return words("cli.compare.same")
        case .wrongOrder(let before, let after):
            return words("cli.compare.order", ["before": SafeText.escape(before), "after": SafeText.escape(after)])
        case .differentVehicles(let before, let after):
            return words(
                "cli.compare.vehicles", ["before": SafeText.escape(before), "after": SafeText.escape(after)])
        }
    }

    /// `submit`'s warning when results cannot reach this kiosk, or would travel unencrypted.
    public static func callbackWarning(_ warning: CallbackReachability, configuration: ServiceConfiguration) -> String {
        if warning.resultsArrive, let base = configuration.callbackBase {
            return words("cli.callback.unencrypted", ["base": base])
        }
        return words("cli.callback.unreachable", ["address": configuration.effectiveCallbackBase])
    }

    /// A broken input rule (case id, e-mail) in the operator's language, as the screens word it.
    public static func problem(_ error: ValidationError) -> String { language.problem(error) }
}
