import GRDB
import InspektCore

// Event kinds and attempt outcomes are stored as their raw values: the same words earlier versions wrote.
extension InspectionEventKind: DatabaseValueConvertible {}
extension AttemptOutcome: DatabaseValueConvertible {}
