import InspektLanguage
import InspektWords

extension Localizer {
    /// `ReceiverLock.Holder.words` in the language: "`inspekt receiver --until-idle` (process 4711, since 07:12)".
    public func receiver(_ holder: ReceiverLock.Holder) -> String {
        self(
            "cli.receiver.holder",
            [
                "command": holder.mode == .always ? "`inspekt receiver`" : "`inspekt receiver --until-idle`",
                "pid": String(holder.process.pid), "time": ProcessDescription.clockTime(holder.since),
            ])
    }
}
