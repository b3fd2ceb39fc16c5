import Foundation

/// The result JSON of a comparison (API.md §5): the later inspection's report, keeping only the damage
/// (part and type) that the earlier inspection's photos did not show. Derived from the two photo sets alone.
enum IncrementalResult {
    static func document(
        for comparison: LedgerEntry, earlier: LedgerEntry, later: LedgerEntry, manifest: DemoManifest? = nil
    ) -> Data {
        let laterFiles = later.files.map(receivedFile)
        let base = SimulatedResult.document(
            for: LedgerEntry(
                caseID: comparison.caseID, session: comparison.session, files: later.files,
                acceptedAt: comparison.acceptedAt, callbackURL: comparison.callbackURL),
            files: laterFiles, manifest: manifest)
        var root = (try? JSONSerialization.jsonObject(with: base)) as? [String: Any] ?? [:]
        let known = Set(
            earlier.files.enumerated().flatMap { index, file in
                boxes(
                    of: SimulatedResult.relevantImage(
                        receivedFile(file), index: index, session: earlier.session, manifest: manifest))
            }.map(damageKey))
        let images = laterFiles.enumerated().map { index, file in
            var image = SimulatedResult.relevantImage(
                file, index: index, session: comparison.session, manifest: manifest)
            image["boundingBoxInformation"] = boxes(of: image).filter { !known.contains(damageKey($0)) }
            return image
        }
        let newParts = Array(Set(images.flatMap(boxes).compactMap { $0["partComponent"] as? String })).sorted()
        root["status"] = "Available"
        root["message"] = nil
        root["relevantImages"] = images
        root["preInspection"] =
            [
                "recommendationStatus": newParts.isEmpty ? "Approved" : "Review",
                "message": newParts.isEmpty
                    ? "No new damage since inspection \(earlier.session)."
                    : "New damage on \(newParts.count) part\(newParts.count == 1 ? "" : "s") since inspection \(earlier.session).",
                "damagedParts": newParts,
            ] as [String: Any]
        root["incrementalDamage"] =
            [
                "inspectionId1": earlier.session, "inspectionId2": later.session, "newDamagedParts": newParts,
            ] as [String: Any]
        return SimulatedResult.serialized(root)
    }

    /// The same damage seen again: the same part with the same kind of damage.
    private static func damageKey(_ box: [String: Any]) -> String {
        "\(box["partComponent"] as? String ?? "")|\(box["damageType"] as? String ?? "")"
    }

    private static func boxes(of image: [String: Any]) -> [[String: Any]] {
        image["boundingBoxInformation"] as? [[String: Any]] ?? []
    }

    /// What the damage derivation needs of a file: its name (the slot), its hash and its size in pixels.
    private static func receivedFile(_ file: LedgerFile) -> ReceivedFile {
        let dimensions = file.width.flatMap { width in file.height.map { ImageDimensions(width: width, height: $0) } }
        return ReceivedFile(name: file.name, size: file.size, sha256: file.sha256, header: [], dimensions: dimensions)
    }
}
