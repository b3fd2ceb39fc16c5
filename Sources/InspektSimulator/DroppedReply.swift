/// Ends a request whose connection was closed on purpose, without any reply.
struct DroppedReply: Error {}
