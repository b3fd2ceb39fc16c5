import Foundation
import InspektCore

@testable import TerminalUI

/// The detail of an inspection whose result places damage on its photos.
extension ScreenFixtures {
    /// The damage of insp-5 as Inspektlabs names it back: by the part names the upload sent.
    static let damageOnPhotos = ResultSummary(
        verdict: .available, caseID: "CASE-20405", inspectionID: "sess-5", message: "Damage detected on 3 parts.",
        vehicleType: "van",
        damagedParts: [
            DamagedPart(
                part: "front bumper", damageType: "scratch", severity: 0.3, confidence: 0.91,
                photo: "front_IMG_1000.jpg",
                box: DamageBox(x: 0.25, y: 0.5, width: 0.5, height: 0.25)),
            DamagedPart(part: "hood", damageType: "dent", severity: 0.5, confidence: 0.8, photo: "front_IMG_1000.jpg"),
            DamagedPart(
                part: "left door", damageType: "dent", severity: 0.7, confidence: 0.84, photo: "left_IMG_1002.jpg",
                box: DamageBox(x: 0.1, y: 0.2, width: 0.3, height: 0.4)),
        ],
        readings: [
            "odometerReading": "48213", "licensePlateReading": "M-AB 123", "make": "Volkswagen", "model": "Golf",
        ],
        recommendation: "Review",
        images: [
            ImageScores(photo: "left_IMG_1002.jpg", quality: 0.52, blur: 0.85),
            ImageScores(photo: "front_IMG_1000.jpg", quality: 0.9),
        ])

    /// The detail of insp-5 with damage per photo and every photo's picture loaded.
    static func detailDamagePerPhoto(_ size: Size = small) -> AppState {
        var state = boardAllStates(size)
        state.board.list.selected = state.inspections.firstIndex { $0.id == "insp-5" } ?? 0
        _ = update(&state, .key(.enter))
        state.modifyInspection(id: "insp-5") { $0.result = damageOnPhotos }
        let commands = update(&state, .screen(.detail(.detailLoaded(id: "insp-5", events: [], result: damageOnPhotos))))
        for case .screen(.detail(.loadPhotoPreview(let path))) in commands {
            let preview = DetailPreview(thumbnail: sampleThumbnail, pixelWidth: 640, pixelHeight: 480)
            _ = update(&state, .screen(.detail(.photoPreviewLoaded(path: path, preview))))
        }
        return state
    }
}
