import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// POSTs result documents to a `callback_url` over plain HTTP, retrying a failed delivery as Inspektlabs does.
enum CallbackDelivery {
    enum DeliveryError: Error, CustomStringConvertible {
        case unsupportedURL(String)
        case noReply
        case timedOut

        var description: String {
            switch self {
            case .unsupportedURL(let url): "cannot deliver to \(url): only http:// URLs are supported"
            case .noReply: "the receiver closed the connection without a reply"
            case .timedOut: "the receiver did not answer in time"
            }
        }
    }

    /// Tries once, then `retries` more times `interval` seconds apart while the receiver answers non-2xx or fails.
    /// Returns true when a 2xx was received.
    @discardableResult
    static func deliver(
        _ document: Data, to url: String, headers: [(String, String)] = [], retries: Int, interval: Double, logger: Logger
    ) async throws -> Bool {
        for attempt in 0...max(0, retries) {
            if attempt > 0 { try await Task.sleep(for: .seconds(interval)) }
            do {
                let started = ContinuousClock.now
                let status = try await post(document, to: url, headers: headers)
                if (200..<300).contains(status) {
                    // Request start to status line, as a receiver's operator would measure it (scripts/bench-fleet).
                    let elapsed = ContinuousClock.now - started
                    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                    logger.info(
                        "result delivered",
                        metadata: [
                            "attempt": "\(attempt + 1)", "status": "\(status)", "url": "\(url)",
                            "ms": "\(String(format: "%.2f", milliseconds))",
                        ])
                    return true
                }
                logger.info("result delivery refused", metadata: ["attempt": "\(attempt + 1)", "status": "\(status)"])
            } catch let error as DeliveryError {
                if case .unsupportedURL = error {
                    logger.warning("result not delivered", metadata: ["reason": "\(error)"])
                    return false
                }
                logger.info("result delivery failed", metadata: ["attempt": "\(attempt + 1)", "error": "\(error)"])
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.info("result delivery failed", metadata: ["attempt": "\(attempt + 1)", "error": "\(error)"])
            }
        }
        return false
    }

    /// Deliveries have a thread of their own, as Inspektlabs' delivery workers are not its upload servers: a
    /// receiver's answer is read when it comes, not after the uploads the simulator is busy taking in.
    static let deliveryThread = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// One POST; returns the reply's status code.
    static func post(_ body: Data, to url: String, headers: [(String, String)] = [], timeout: Double = 30) async throws -> Int {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty
        else { throw DeliveryError.unsupportedURL(url) }
        let port = components.port ?? 80
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let target = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host

        return try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                let channel = try await ClientBootstrap(group: deliveryThread)
                    .connectTimeout(.seconds(10))
                    .connect(host: host, port: port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHTTPClientHandlers()
                            return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                                wrappingChannelSynchronously: channel)
                        }
                    }
                return try await channel.executeThenClose { inbound, outbound in
                    var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target)
                    head.headers.add(name: "Host", value: hostHeader)
                    head.headers.add(name: "Content-Type", value: "application/json")
                    head.headers.add(name: "Content-Length", value: "\(body.count)")
                    head.headers.add(name: "Connection", value: "close")
                    head.headers.add(name: "User-Agent", value: "inspekt-simulator")
                    for (name, value) in headers { head.headers.add(name: name, value: value) }
                    try await outbound.write(.head(head))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                    try await outbound.write(.end(nil))
                    for try await part in inbound {
                        if case .head(let response) = part { return Int(response.status.code) }
                    }
                    throw DeliveryError.noReply
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                throw DeliveryError.timedOut
            }
            defer { group.cancelAll() }
            guard let status = try await group.next() else { throw DeliveryError.noReply }
            return status
        }
    }
}
