import GRDB
import InspektCore
import InspektStorage

// Event kinds and attempt outcomes are stored as their raw values: the same words earlier versions wrote.
extension InspectionEventKind: DatabaseValueConvertible {}
extension AttemptOutcome: DatabaseValueConvertible {}
