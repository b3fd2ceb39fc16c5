import InspektCore

/// One photo to send: where it is, the name it travels under, its size and type.
public struct UploadFile: Sendable, Hashable {
    public var path: String
    /// The part's file name, e.g. `front-left_IMG_0042.jpg`.
    public var uploadName: String
    /// Size in bytes when checked; the file must still have it while it is sent.
    public var size: Int64
    public var mediaType: MediaType

    public init(path: String, uploadName: String, size: Int64, mediaType: MediaType) {
        self.path = path
        self.uploadName = uploadName
        self.size = size
        self.mediaType = mediaType
    }
}

/// Everything one `/api/upload` request carries: one inspection, all its photos.
public struct UploadRequest: Sendable, Hashable {
    public var session: String
    public var caseID: String
    public var files: [UploadFile]
    public var emailID: String?
    public var callbackURL: String?
    public var agentID: String?
    public var agentName: String?

    public init(
        session: String, caseID: String, files: [UploadFile], emailID: String? = nil, callbackURL: String? = nil,
        agentID: String? = nil, agentName: String? = nil
    ) {
        self.session = session
        self.caseID = caseID
        self.files = files
        self.emailID = emailID
        self.callbackURL = callbackURL
        self.agentID = agentID
        self.agentName = agentName
    }
}
