import AsyncHTTPClient
import Foundation
import InspektCore
import Logging
import NIOCore
import NIOHTTP1

/// One POST under the stall and connect watchdog, its reply read whole.
extension InspektlabsClient {
    /// A reply, read whole.
    struct Reply: Sendable {
        var status: Int
        var body: ByteBuffer

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        }
        var text: String { String(buffer: body) }
    }

    /// POSTs under the stall and connect watchdog and reads the whole reply, mapping every failure to an `APIError`.
    func send(
        url: String, headers: HTTPHeaders, body: HTTPClient.Body, monitor: TransferMonitor, deadline: NIODeadline?,
        bodyBytes: Int64? = nil
    ) async throws(APIError) -> Reply {
        let httpClient = self.httpClient
        let timeout = stallTimeout
        let connectTimeout = self.connectTimeout
        let logger = self.logger
        let host = Self.hostAndPort(of: url)
        do {
            let request = try HTTPClient.Request(url: url, method: .POST, headers: headers, body: body)
            return try await withThrowingTaskGroup(of: Reply?.self) { group in
                group.addTask {
                    monitor.touch()
                    // Uploads have no deadline: only the watchdog below ends one that stopped moving.
                    let task = httpClient.execute(
                        request: request,
                        delegate: ReplyCollector(monitor: monitor, maxBytes: Self.maxReplyBytes, bodyBytes: bodyBytes),
                        deadline: deadline, logger: logger)
                    return try await withTaskCancellationHandler {
                        try await task.futureResult.get()
                    } onCancel: {
                        task.cancel()
                    }
                }
                group.addTask {
                    // The watchdog: wakes a few times per timeout and gives up when nothing moved, or when
                    // no connection was made in time (the HTTP client itself keeps retrying to connect).
                    let tick = max(0.02, min(0.1, min(timeout, connectTimeout) / 4))
                    var lastTrace = ContinuousClock.now
                    while true {
                        try await Task.sleep(for: .seconds(tick))
                        // The send queue drains without a write to tell: progress is counted again each tick.
                        monitor.refresh()
                        if bodyBytes != nil, ContinuousClock.now - lastTrace >= .seconds(1) {
                            lastTrace = .now
                            let (written, taken) = monitor.bodyCounts
                            logger.debug("upload progress", metadata: ["written": "\(written)", "taken": "\(taken)"])
                        }
                        let connected = monitor.isConnected
                        // With a deadline the HTTP client ends an unconnected request itself, and says why.
                        if !connected && deadline == nil && monitor.secondsSinceStart() >= connectTimeout {
                            monitor.markUnreachable()
                            return nil
                        }
                        if monitor.idleSeconds() >= timeout {
                            if connected { monitor.markStalled() } else { monitor.markUnreachable() }
                            return nil
                        }
                    }
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let reply = first else {
                    // Cancelling the request makes the HTTP client say why it could not connect, if it knows.
                    group.cancelAll()
                    let cause = await Self.lastFailure(of: &group)
                    if monitor.isUnreachable {
                        throw APIError.unreachable(host: host, reason: Self.unreachableReason(cause))
                    }
                    throw APIError.stalled(seconds: timeout)
                }
                return reply
            }
        } catch {
            let mapped = Self.map(error, monitor: monitor, timeout: timeout, host: host)
            logger.debug("request failed", metadata: ["error": "\(mapped)"])
            throw mapped
        }
    }

    /// The error the cancelled request task ended with, if any.
    private static func lastFailure(of group: inout ThrowingTaskGroup<Reply?, any Error>) async -> (any Error)? {
        while true {
            do {
                guard try await group.next() != nil else { return nil }
            } catch {
                return error
            }
        }
    }
}
