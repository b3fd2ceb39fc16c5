/// A photo of an inspection that went out (ready to upload or further): what a file about to be chosen is
/// compared with, by its bytes' SHA-256, so that a copy under another name is known too.
public struct SentPhoto: Sendable, Hashable {
    public var inspectionID: String
    public var caseID: String
    public var path: String
    public var size: Int64
    /// Lower-case hex SHA-256 of the bytes sent; nil for a row stored before digests were kept.
    public var sha256: String?

    public init(inspectionID: String, caseID: String, path: String, size: Int64, sha256: String?) {
        self.inspectionID = inspectionID
        self.caseID = caseID
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}
