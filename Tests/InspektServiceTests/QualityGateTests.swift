import Foundation
import InspektCore
import InspektLanguage
import InspektService
import InspektTestSupport
import InspektWords
import Testing

/// The local checks on real JPEG files: each finding with the figure it measured, in the catalog's English.
@Suite struct QualityGateTests {
    let folder: String
    let english = Languages.english

    init() throws {
        folder = try PhotoFixtures.temporaryDirectory()
    }

    func photo(
        _ name: String, slot: CoverageSlot, width: Int = 640, height: Int = 480, seed: Int = 1,
        pattern: PhotoFixtures.Pattern = .detailed
    ) throws -> PhotoSelection {
        let path = folder + "/" + name
        try PhotoFixtures.writeJPEG(to: path, width: width, height: height, seed: seed, pattern: pattern)
        return PhotoSelection(slot: slot, path: path)
    }

    @Test func aSharpWellLitPhotoOfFullSizeHasNoFinding() throws {
        let good = try photo("good.jpg", slot: .front)
        #expect(QualityGate.findings(for: [good]).isEmpty)
    }

    @Test func aPhotoUnder320x240BlocksWithItsSize() throws {
        let tiny = try photo("tiny.jpg", slot: .front, width: 200, height: 150)
        let portrait = try photo("portrait.jpg", slot: .rear, width: 240, height: 320, seed: 2)
        let findings = QualityGate.findings(for: [tiny, portrait])
        let tinyFinding = try #require(findings.first { $0.path == tiny.path })
        #expect(tinyFinding.kind == .tooSmall(width: 200, height: 150))
        #expect(tinyFinding.blocksSubmit)
        #expect(english.finding(tinyFinding) == "tiny.jpg (Front): 200×150 px, under Inspektlabs' 320×240")
        // 240×320 is the smallest size turned round: accepted.
        #expect(!findings.contains { $0.path == portrait.path && $0.blocksSubmit })
    }

    @Test func darkBrightAndBlurredAreDoubtfulWithTheirFigures() throws {
        let dark = try photo("dark.jpg", slot: .left, pattern: .dark)
        let bright = try photo("bright.jpg", slot: .right, pattern: .bright)
        let blurred = try photo("soft.jpg", slot: .rear, pattern: .smooth)
        let findings = QualityGate.findings(for: [dark, bright, blurred])
        #expect(!findings.contains { $0.blocksSubmit })
        let darkText = findings.first { $0.path == dark.path }.map(english.finding) ?? ""
        #expect(darkText.contains("dark.jpg (Left side): too dark (brightness "), "\(darkText)")
        #expect(darkText.contains(" of 255)"))
        #expect(findings.contains { $0.path == bright.path && english.finding($0).contains("too bright (brightness ") })
        let soft = try #require(findings.first { $0.path == blurred.path })
        guard case .blurred(let score) = soft.kind else {
            Issue.record("the smooth picture should score as blurred: \(findings)")
            return
        }
        #expect(score < PhotoFacts.blurThreshold)
        #expect(english.finding(soft).contains("looks blurred (sharpness \(Int(score.rounded())), under 60)"))
    }

    @Test func theSamePictureOnTwoSlotsIsADuplicateByContentNotByName() throws {
        let front = try photo("IMG_1.jpg", slot: .front)
        let copy = folder + "/IMG_1 copy.jpg"
        try FileManager.default.copyItem(atPath: front.path, toPath: copy)
        let other = try photo("IMG_2.jpg", slot: .left, seed: 9)
        let findings = QualityGate.findings(for: [front, PhotoSelection(slot: .rear, path: copy), other])
        #expect(findings.map(\.kind) == [.duplicate(of: .front, fileName: "IMG_1.jpg")])
        #expect(findings.first.map(english.finding) == "IMG_1 copy.jpg (Rear): same picture as Front (IMG_1.jpg)")
    }
}
