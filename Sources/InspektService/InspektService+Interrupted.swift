import InspektCore

/// Uploads whose process is gone: a row that reads `uploading` is only true while a live process holds
/// its upload lock. The board and `status` say "interrupted" (and how to continue) for the others.
extension InspektService {
    /// The rows with `interrupted` set on those that read uploading but have no live holder.
    public func markingInterrupted(_ inspections: [Inspection]) -> [Inspection] {
        let uploading = inspections.filter { $0.state == .uploading }.map(\.id)
        guard !uploading.isEmpty else { return inspections }
        // A store that cannot answer says nothing: the rows stay as they read.
        guard let live = try? store.liveUploadHolders(inspectionIDs: uploading) else { return inspections }
        return inspections.map { inspection in
            var inspection = inspection
            if inspection.state == .uploading { inspection.interrupted = !live.contains(inspection.id) }
            return inspection
        }
    }

    /// The ids of this kiosk's interrupted uploads; a board compares it between looks, since a process that
    /// dies changes nothing in the store.
    public func interruptedUploadIDs() throws -> Set<String> {
        let uploading = try store.unfinishedUploads().filter { $0.state == .uploading }.map(\.id)
        guard !uploading.isEmpty else { return [] }
        return Set(uploading).subtracting(try store.liveUploadHolders(inspectionIDs: uploading))
    }

    /// `interruptedUploadIDs`, read on a store thread (the board's watcher asks it twice a second).
    public func interruptedUploadIDsOffPool() async throws -> Set<String> {
        try await onStoreThread { try self.interruptedUploadIDs() }
    }
}
