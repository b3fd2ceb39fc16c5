import Foundation
import InspektAPI
import InspektCore
import Logging
import Synchronization

/// Asks the Photo Quality host (API.md §6) about photos, a few at a time, remembering each answer by the photo's
/// SHA-256 for the life of the process. A host that is down, slow (over 5 s) or refuses the account stops the asking:
/// the photos left are "not checked", never a reason to hold an upload back.
final class QScoreCheck: Sendable {
    let client: InspektlabsClient
    let apiKey: String
    let logger: Logger
    private let cache = Mutex<[String: PhotoQuality]>([:])
    /// The Q Score session, kept while its tokens live: the board asks about photos one by one, and one
    /// authentication per photo would double the requests.
    private let session = Mutex<AuthSession?>(nil)
    /// Photos asked about at once: Q Score takes a second or two per photo.
    static let inFlight = 3

    init(baseURL: String, apiKey: String, logger: Logger) {
        client = InspektlabsClient.qScore(baseURL: baseURL, logger: logger)
        self.apiKey = apiKey
        self.logger = logger
    }

    /// One answer per photo, in order: its figures, or why it was not checked.
    func ask(_ photos: [PhotoSelection], digests: [String?], caseID: String) async -> [Result<PhotoQuality, QScoreSkip>]
    {
        var results = [Result<PhotoQuality, QScoreSkip>?](repeating: nil, count: photos.count)
        var pending: [Int] = []
        for index in photos.indices {
            guard let digest = digests[index] else {
                results[index] = .failure(QScoreSkip(reason: "the file could not be read", stopsTheRest: false))
                continue
            }
            if let known = cache.withLock({ $0[digest] }) {
                results[index] = .success(known)
            } else {
                pending.append(index)
            }
        }
        if !pending.isEmpty {
            let asked = await ask(pending.map { photos[$0] }, caseID: caseID)
            for (index, result) in zip(pending, asked) {
                results[index] = result
                if case .success(let quality) = result, let digest = digests[index] {
                    cache.withLock { $0[digest] = quality }
                }
            }
        }
        return results.map { $0 ?? .failure(QScoreSkip(reason: "not asked", stopsTheRest: false)) }
    }

    private func ask(_ photos: [PhotoSelection], caseID: String) async -> [Result<PhotoQuality, QScoreSkip>] {
        let auth: AuthSession
        let reused: Bool
        do throws(APIError) { (auth, reused) = try await authenticate() } catch {
            let skip = QScoreSkip(error)
            logger.notice("q score not asked", metadata: ["reason": "\(skip.reason)"])
            return photos.map { _ in .failure(skip) }
        }
        var results = [Result<PhotoQuality, QScoreSkip>?](repeating: nil, count: photos.count)
        var stop: QScoreSkip?
        let client = self.client
        await withTaskGroup(of: (Int, Result<PhotoQuality, QScoreSkip>).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                let photo = QScorePhoto(slot: photos[index].slot, path: photos[index].path)
                group.addTask {
                    do throws(APIError) {
                        return (index, .success(try await client.qScore(photo, caseID: caseID, auth: auth)))
                    } catch {
                        // A kept session the host no longer takes: once more with a new one.
                        guard reused, case .tokenInvalid = error else { return (index, .failure(QScoreSkip(error))) }
                        do throws(APIError) {
                            let fresh = try await self.authenticate(replacing: auth).session
                            return (index, .success(try await client.qScore(photo, caseID: caseID, auth: fresh)))
                        } catch { return (index, .failure(QScoreSkip(error))) }
                    }
                }
            }
            while next < min(Self.inFlight, photos.count) { launch() }
            for await (index, result) in group {
                // Once the host is the reason, the photos cut short with it are not checked for that reason.
                if let stop, case .failure = result {
                    results[index] = .failure(stop)
                    continue
                }
                results[index] = result
                if case .failure(let skip) = result, skip.stopsTheRest, stop == nil {
                    // The host is down, slow or refuses the account: asking about the others would only wait again.
                    stop = skip
                    logger.notice("q score stopped", metadata: ["reason": "\(skip.reason)"])
                    group.cancelAll()
                }
                if stop == nil, next < photos.count { launch() }
            }
        }
        return results.map { $0 ?? .failure(stop ?? QScoreSkip(reason: "not asked", stopsTheRest: true)) }
    }
}

extension QScoreCheck {
    /// The kept session while it has a minute left, else a new one; `reused` when it was kept.
    func authenticate(
        replacing stale: AuthSession? = nil
    ) async throws(APIError) -> (session: AuthSession, reused: Bool) {
        let kept = session.withLock { $0 }
        if let kept, kept != stale, kept.expiresAt.timeIntervalSinceNow > 60 { return (kept, true) }
        let fresh = try await client.authenticateQScore(apiKey: apiKey)
        session.withLock { $0 = fresh }
        return (fresh, false)
    }
}

/// Why a photo was not checked by Q Score, in words; `stopsTheRest` when the host itself is the reason.
public struct QScoreSkip: Error, Sendable, Hashable {
    public var reason: String
    public var stopsTheRest: Bool

    public init(reason: String, stopsTheRest: Bool) {
        self.reason = reason
        self.stopsTheRest = stopsTheRest
    }

    init(_ error: APIError) {
        switch error {
        case .unreachable(let host, let reason):
            self.init(reason: "Q Score at \(host) cannot be reached (\(reason))", stopsTheRest: true)
        case .stalled:
            self.init(
                reason: "Q Score did not answer within \(Int(InspektlabsClient.qScoreTimeout)) s", stopsTheRest: true)
        case .tokenInvalid, .apiKeyNotValid, .invalidAPIKey, .noAccess, .enterAPIKey:
            self.init(reason: "Q Score refused this account (\(error))", stopsTheRest: true)
        case .unsupportedFileType, .missingRequiredField, .fileProblem:
            self.init(reason: "Q Score could not judge it (\(error))", stopsTheRest: false)
        case .unexpected(let status, _) where (400..<500).contains(status) && status != 401 && status != 403:
            self.init(reason: "Q Score could not judge it (\(error))", stopsTheRest: false)
        case .unexpected(let status, _) where status == 401 || status == 403:
            self.init(reason: "Q Score refused this account (\(error))", stopsTheRest: true)
        default:
            self.init(reason: "Q Score failed (\(error))", stopsTheRest: true)
        }
    }
}
