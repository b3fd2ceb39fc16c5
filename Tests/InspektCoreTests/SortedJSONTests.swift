import Foundation
import InspektCore
import Testing

/// `submit --json` and the other JSON outputs read the same whether or not the keys are sorted by hand.
@Suite struct SortedJSONTests {
    func reference(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func sameTextAsJSONSerialization() throws {
        let receipt: [String: Any] = [
            "id": "D19A3F85", "inspection_id": "in22643", "case_id": "CASE-1/2 \"x\"", "state": "processing",
            "photos": 2, "bytes": Int64(838_867_426), "upload_seconds": 1.232367264, "again": true,
            "callback_url": "http://127.0.0.1:8787/callbacks/t", "error": NSNull(), "note": "Åsa ✓\n\t",
            "files": [
                [
                    "slot": "front", "name": "front_IMG_0001.jpg", "size": 20_971_520,
                    "sha256": String(repeating: "ab", count: 32),
                ],
                ["slot": "rear", "name": "", "size": 0, "sha256": ""],
            ],
            "nested": [
                "a10": 1, "a9": 2, "a_b": 3, "ab": 4, "a1b": 5, "a01": 6, "z": [] as [Any], "y": [:] as [String: Any],
            ],
        ]
        #expect(try SortedJSON.text(receipt) == reference(receipt))
        #expect(try SortedJSON.text([1, "two", false, 3.5] as [Any]) == reference([1, "two", false, 3.5] as [Any]))
    }

    @Test func otherKeysAreLeftToJSONSerialization() {
        #expect(SortedJSON.text(["Upper": 1]) == nil)
        #expect(SortedJSON.text(["inner": ["with-dash": 1]]) == nil)
    }
}
