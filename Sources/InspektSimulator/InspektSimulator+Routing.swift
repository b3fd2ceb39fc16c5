import Foundation
import Hummingbird
import HummingbirdCore
import InspektCore
import Logging
import NIOCore

/// Which endpoint answers a request, and the shapes of the replies (JSON, a gateway's page, latency).
extension InspektSimulator {
    /// The reply to one request; throws `DroppedReply` when the connection was closed instead.
    nonisolated func respond(
        to request: Request, channel: any Channel, writer: borrowing ResponseWriter
    ) async throws
        -> Response
    {
        switch request.uri.path {
        case "/api/authenticate":
            guard request.method == .post else { return Self.error(.methodNotAllowed, "method not allowed") }
            return await authenticate(request)
        case "/api/upload":
            guard request.method == .post else { return Self.error(.methodNotAllowed, "method not allowed") }
            return try await upload(request, channel: channel, writer: writer)
        case "/api/authenticate/incremental_damage", "/api/incremental_damage":
            return try await respondIncremental(to: request, channel: channel)
        case "/__simulator/ledger":
            guard request.method == .get else { return Self.error(.methodNotAllowed, "method not allowed") }
            let data = (try? Ledger.encoder.encode(Ledger(inspections: await ledger()))) ?? Data("{}".utf8)
            return Self.json(.ok, data)
        default:
            return Self.error(.notFound, "not found")
        }
    }

    /// Waits the configured latency, then hands the response back.
    nonisolated func reply(_ response: Response) async -> Response {
        if configuration.latency > 0 { try? await Task.sleep(for: .seconds(configuration.latency)) }
        return response
    }

    /// A gateway's own error page, not the service's JSON.
    static func gatewayTimeout() -> Response {
        Response(
            status: .gatewayTimeout, headers: [.contentType: "text/html"],
            body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>504 Gateway Time-out</h1></body></html>")))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, encode(["status": "error", "message": message]))
    }

    static func json(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func encode(_ object: [String: String]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(object)) ?? Data("{}".utf8)
    }
}
