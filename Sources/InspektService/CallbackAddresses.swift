import Foundation
import InspektStore
import Synchronization

/// The callback URL each upload gives Inspektlabs: the receiver's public base and the inspection's
/// random token, built in this one place for uploads and comparisons alike.
final class CallbackAddresses: Sendable {
    private let base: SharedValue<String>
    private let store: any InspectionStore

    init(base: String, store: any InspectionStore) {
        self.base = SharedValue(base)
        self.store = store
    }

    /// `<base>/callbacks/<token>`, or nil before the inspection has a token.
    @Sendable func url(inspectionID: String) throws -> String? {
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

