import Foundation

/// Result documents as a broken or hostile Inspektlabs (or a man in the middle) could send them: every
/// one is valid JSON with the fields the kiosk needs, and something in it that a careless reader trips on.
public enum HostileResults {
    /// How many bounding boxes `manyBoxes` carries.
    public static let boxCount = 100_000
    /// How deep `deeplyNested` nests its extra field.
    public static let nestingDepth = 100_000

    /// Every case, by name, for `session` and `caseID`.
    public static func all(session: String, caseID: String) -> [(name: String, document: Data)] {
        [
            ("huge numbers", hugeNumbers(session: session, caseID: caseID)),
            ("NaN and Infinity as text", notANumber(session: session, caseID: caseID)),
            ("negative numbers", negative(session: session, caseID: caseID)),
            ("huge arrays", hugeArrays(session: session, caseID: caseID)),
            ("deeply nested", deeplyNested(session: session, caseID: caseID)),
            ("100,000 bounding boxes", manyBoxes(session: session, caseID: caseID)),
        ]
    }

    static func head(_ session: String, _ caseID: String) -> String {
        #""status":"Available","inspectionId":"\#(session)","caseId":"\#(caseID)","vendor":"Inspektlabs""#
    }

    public static func hugeNumbers(session: String, caseID: String) -> Data {
        Data(
            #"""
            {\#(head(session, caseID)),"version":1e300,
             "vehicleReadings":{"odometerReading":1e300,"make":"Audi"},
             "relevantImages":[{"imageId":"1","qualityScore":-1e300,"boundingBoxInformation":[
               {"partComponent":"front bumper","damageType":"dent","damageSeverityScore":1e300,"confidenceScore":-1e300},
               {"partComponent":"hood","damageType":"scratch","damageSeverityScore":-1e300,"confidenceScore":1e300}]}]}
            """#.utf8)
    }

    public static func notANumber(session: String, caseID: String) -> Data {
        Data(
            #"""
            {\#(head(session, caseID)),
             "vehicleReadings":{"odometerReading":"NaN","vinReading":"Infinity"},
             "relevantImages":[{"imageId":"1","boundingBoxInformation":[
               {"partComponent":"door","damageType":"dent","damageSeverityScore":"NaN","confidenceScore":"Infinity"},
               {"partComponent":"roof","damageType":"hail","damageSeverityScore":"-Infinity","confidenceScore":"nan"}]}]}
            """#.utf8)
    }

    public static func negative(session: String, caseID: String) -> Data {
        Data(
            #"""
            {\#(head(session, caseID)),
             "vehicleReadings":{"odometerReading":-42},
             "relevantImages":[{"imageId":"-1","boundingBoxInformation":[
               {"partComponent":"fender","damageType":"dent","damageSeverityScore":-0.5,"confidenceScore":-3}]}]}
            """#.utf8)
    }

    /// 20,000 images and a 500,000-number array, about 3 MB.
    public static func hugeArrays(session: String, caseID: String) -> Data {
        var text = "{" + head(session, caseID) + ",\"relevantImages\":["
        text += (0..<20_000).map { #"{"imageId":"\#($0)","boundingBoxInformation":[]}"# }.joined(separator: ",")
        text += "],\"extra\":[" + Array(repeating: "0", count: 500_000).joined(separator: ",") + "]}"
        return Data(text.utf8)
    }

    /// An unknown field nested `nestingDepth` arrays deep (200 KB), after the fields the kiosk reads.
    public static func deeplyNested(session: String, caseID: String) -> Data {
        let open = String(repeating: "[", count: nestingDepth)
        let close = String(repeating: "]", count: nestingDepth)
        return Data(
            ("{" + head(session, caseID) + ",\"extra\":" + open + close
                + #","relevantImages":[{"imageId":"1","boundingBoxInformation":[{"partComponent":"door","damageType":"dent","damageSeverityScore":0.4,"confidenceScore":0.9}]}]}"#)
                .utf8)
    }

    /// `boxCount` boxes on 40 distinct parts, about 6 MB (under the 10 MB limit).
    public static func manyBoxes(session: String, caseID: String) -> Data {
        var text = "{" + head(session, caseID) + ",\"relevantImages\":[{\"imageId\":\"1\",\"boundingBoxInformation\":["
        text += (0..<boxCount).map {
            #"{"partComponent":"p\#($0 % 40)","damageType":"dent","damageSeverityScore":0.5}"#
        }
        .joined(separator: ",")
        text += "]}]}"
        return Data(text.utf8)
    }
}
