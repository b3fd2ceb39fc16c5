import InspektCore
import InspektStorage

/// Two live kiosks with one kiosk id resume each other's uploads: the board says so, in fleet mode.
extension InspektService {
    /// The warning for another live kiosk (another machine) under this kiosk id, or nil; read on a store thread.
    public func kioskIDClashOffPool() async throws -> String? {
        let machines = try await onStoreThread { [store] in try store.otherMachinesWithThisKioskID() }
        guard !machines.isEmpty else { return nil }
        let named = machines.map(SafeText.escape).joined(separator: ", ")
        return "Another kiosk (machine \(named)) uses the kiosk id \(SafeText.escape(store.kioskID)):"
            + " set INSPEKT_KIOSK_ID on one of them."
    }
}
