import Foundation
import InspektStorage
import Synchronization

/// The callback URL each upload gives Inspektlabs: the receiver's public base and the inspection's
/// random token, built in this one place for uploads and comparisons alike.
final class CallbackAddresses: Sendable {
    private let base: SharedValue<String>
    private let store: any InspectionStore
    /// Run before an address is handed out: makes sure a receiver listens there (see `keepReceiverRunning`).
    let beforeHandingOut = SharedValue<(@Sendable () -> Void)?>(nil)

    init(base: String, store: any InspectionStore) {
        self.base = SharedValue(base)
        self.store = store
    }

    /// `<base>/callbacks/<token>`, or nil before the inspection has a token.
    @Sendable func url(inspectionID: String) throws -> String? {
        beforeHandingOut.value?()
        let base = base.value
        return try store.callbackToken(inspectionID: inspectionID).map { base + "/callbacks/" + $0 }
    }

    func replaceBase(_ newBase: String) {
        var newBase = newBase
        while newBase.hasSuffix("/") { newBase.removeLast() }
        base.value = newBase
    }

    /// A random 128-bit value in hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// Whether `token` could be one `randomToken` made: 32 lowercase hex digits.
    static func hasIssuedShape(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension InspektService {
    /// The full callback URL Inspektlabs will POST this inspection's result to.
    public func callbackURL(id: String) throws -> String? {
        try callbacks.url(inspectionID: id)
    }

    /// Replaces the callback base for uploads from now on, e.g. once an in-process receiver
    /// bound its port (`http://127.0.0.1:<port>`); ignored when `INSPEKT_CALLBACK_BASE` was set.
    public func useCallbackBase(_ base: String) {
        guard configuration.callbackBase == nil else { return }
        callbacks.replaceBase(base)
    }

    /// Whether results for this kiosk come to a receiver on this kiosk: always on its own SQLite file; in a
    /// fleet only without `INSPEKT_CALLBACK_BASE` (with it, the fleet's central receiver takes them).
    public var receivesOwnResults: Bool { configuration.databaseURL == nil || configuration.callbackBase == nil }

    /// Every time a callback address is about to go out with a request (an upload, a comparison), `ensure`
    /// runs first: it makes sure a receiver of this kiosk listens, and returns where (`HOST:PORT`), which
    /// then becomes the callback base unless `INSPEKT_CALLBACK_BASE` is set. Results then never depend on
    /// the process that sent the request still running.
    public func keepReceiverRunning(_ ensure: @escaping @Sendable () -> String?) {
        callbacks.beforeHandingOut.value = { [weak self] in
            guard let address = ensure() else { return }
            self?.useCallbackBase("http://" + address)
        }
    }

    /// Inspections whose result may still come: being uploaded, accepted and processing, or perhaps accepted.
    /// A receiver started `--until-idle` stays while this is above zero.
    public func inspectionsWaitingForResults() throws -> Int {
        try store.inspectionCount(in: [.ready, .uploading, .processing, .mayHaveBeenAccepted])
    }
}

/// A value shared between tasks behind a lock.
final class SharedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
