/// What the connection did with an upload, as it happened: when the body really left, when the reply began.
public enum UploadWireEvent: Sendable, Hashable {
    /// The end of the body was written to the socket and flushed: the server can now have all of it.
    case bodyFlushed
    /// The head of the reply arrived with this HTTP status.
    case replyHead(status: Int)
}
