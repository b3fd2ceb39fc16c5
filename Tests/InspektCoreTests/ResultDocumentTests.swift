import Foundation
import InspektCore
import Testing

@Suite struct ResultDocumentTests {
    @Test func readsAvailableResultAndCountsDistinctParts() throws {
        let json = """
            {"status":"Available","caseId":"CASE-1","inspectionId":"in120250909153012","vendor":"Inspektlabs",
             "uploadStatus":"complete upload","vehicleType":"car","futureField":{"kept":true},
             "vehicleReadings":{"odometerReading":"42100","vinReading":""},
             "relevantImages":[
               {"imageId":"1","boundingBoxInformation":[
                 {"partComponent":"front bumper","damageType":"scratch","damageSeverityScore":0.4,"confidenceScore":0.9},
                 {"partComponent":"front bumper","damageType":"dent","damageSeverityScore":0.7,"confidenceScore":0.8}]},
               {"imageId":"2","boundingBoxInformation":[{"partComponent":"left door","damageType":"dent"}]}]}
            """
        let summary = try ResultDocument.summary(from: Data(json.utf8))
        #expect(summary.verdict == .available)
        #expect(summary.caseID == "CASE-1")
        #expect(summary.damagedParts.count == 3)
        #expect(summary.damagedPartCount == 2)
        #expect(summary.readings == ["odometerReading": "42100"])
    }

    @Test func readsRejectionReason() throws {
        let json = #"{"status":"Rejected","inspectionId":"in1","message":"All photos are too small"}"#
        let summary = try ResultDocument.summary(from: Data(json.utf8))
        #expect(summary.verdict == .rejected)
        #expect(summary.message == "All photos are too small")
    }

    @Test func refusesMalformedAndIncompleteDocuments() {
        #expect(throws: ResultDocumentError.malformedJSON) { try ResultDocument.summary(from: Data("{".utf8)) }
        #expect(throws: ResultDocumentError.missingField("inspectionId")) {
            try ResultDocument.summary(from: Data(#"{"status":"Available"}"#.utf8))
        }
        #expect(throws: ResultDocumentError.unknownStatus("Done")) {
            try ResultDocument.summary(from: Data(#"{"status":"Done","inspectionId":"x"}"#.utf8))
        }
    }
}
