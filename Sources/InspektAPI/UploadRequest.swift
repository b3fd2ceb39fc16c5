import InspektCore

/// One photo to send: where it is, the name it travels under, its size and type.
public struct UploadFile: Sendable, Hashable {
    public var path: String
    /// The part's file name, e.g. `front-left_IMG_0042.jpg`.
    public var uploadName: String
    /// Size in bytes when checked; the file must still have it while it is sent.
    public var size: Int64
    public var mediaType: MediaType
    /// Lower-case hex SHA-256 computed when the selection was prepared; the bytes sent must match it. Nil:
    /// the digest of the bytes sent is taken as it is.
    public var sha256: String?
    /// The file as the photo checks read it: the file opened to send must still be it, untouched, from its
    /// first byte to its last (else the body stops before its closing boundary). Nil: only the size is held to.
    public var identity: FileIdentity?

    public init(
        path: String, uploadName: String, size: Int64, mediaType: MediaType, sha256: String? = nil,
        identity: FileIdentity? = nil
    ) {
        self.path = path
        self.uploadName = uploadName
        self.size = size
        self.mediaType = mediaType
        self.sha256 = sha256
        self.identity = identity
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

/// What an accepted upload sent: the session, each file's SHA-256 as it went over the wire, and timing.
public struct UploadReceipt: Sendable, Hashable {
    /// The session the server accepted (the inspection id on Inspektlabs).
    public var session: String
    /// SHA-256 (lower-case hex) of each file in request order, computed from the very chunks sent (equal to
    /// the digest given with the file, when one was).
    public var sha256: [String]
    /// Bytes of the whole request body (multipart framing included).
    public var bodyBytes: Int64
    /// Seconds from the first body byte leaving to the acceptance arriving.
    public var uploadSeconds: Double
    /// The CPU that the upload's reading thread and its connection's event loop shared (`UploadCore`); nil when
    /// the scheduler placed them.
    public var cpu: Int?

    public init(session: String, sha256: [String], bodyBytes: Int64, uploadSeconds: Double, cpu: Int? = nil) {
        self.session = session
        self.sha256 = sha256
        self.bodyBytes = bodyBytes
        self.uploadSeconds = uploadSeconds
        self.cpu = cpu
    }
}
