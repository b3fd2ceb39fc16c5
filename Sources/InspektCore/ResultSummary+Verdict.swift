import Foundation

/// The verdict in words that say what it means, shared by the detail screen and the report.
extension ResultSummary {
    /// Whether the result is good news: available and without a single damage entry.
    public var isClean: Bool { verdict == .available && totalDamageEntries == 0 }

    /// "8 damaged parts — recommendation: Review", "no damage found — recommendation: Approved";
    /// for a comparison "2 new damaged parts" and "no new damage". Text from the result is escaped.
    public func damageWords(comparison: Bool = false, dash: String = "—") -> String {
        let count = damagedPartCount
        var text: String
        if totalDamageEntries == 0 {
            text = comparison ? "no new damage" : "no damage found"
        } else {
            text = "\(count) \(comparison ? "new " : "")damaged part\(count == 1 ? "" : "s")"
        }
        if let recommendation, !recommendation.isEmpty {
            text += " \(dash) recommendation: \(SafeText.escape(recommendation))"
        }
        return text
    }

    /// The vehicle type Inspektlabs saw, when it disagrees with the one entered (nil when they agree,
    /// when either is unknown, or when the result says only "car" of a car type).
    public func differingVehicleType(entered: VehicleType?) -> String? {
        guard let entered, let seen = vehicleType, !seen.isEmpty else { return nil }
        if seen == entered.rawValue { return nil }
        let carTypes: Set<VehicleType> = [.car, .carSUV, .carHatchback, .carSedan]
        if let seenType = VehicleType(rawValue: seen), carTypes.contains(seenType), carTypes.contains(entered),
            seenType == .car || entered == .car
        {
            return nil
        }
        return VehicleType(rawValue: seen)?.title ?? SafeText.escape(seen)
    }

    /// The readings an operator checks against the car, in order, with their values:
    /// odometer, VIN, plate, make and model (together), colour. Escaped.
    public var vehicleReadings: [(title: String, value: String)] {
        func value(_ names: Set<String>) -> String? {
            for (key, text) in readings.sorted(by: { $0.key < $1.key }) where names.contains(Self.readingKey(key)) {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { return SafeText.escape(trimmed) }
            }
            return nil
        }
        var out: [(title: String, value: String)] = []
        if let odometer = value(["odometer", "mileage"]) { out.append(("Odometer", odometer)) }
        if let vin = value(["vin", "vinnumber"]) { out.append(("VIN", vin)) }
        if let plate = value(["plate", "licenseplate", "numberplate", "licenseplatenumber", "registration"]) {
            out.append(("Plate", plate))
        }
        let makeModel = [value(["make"]), value(["model"])].compactMap { $0 }.joined(separator: " ")
        if !makeModel.isEmpty { out.append(("Make/model", makeModel)) }
        if let colour = value(["color", "colour"]) { out.append(("Colour", colour)) }
        return out
    }

    /// A reading key as lower-case letters and digits without the API's "Reading" suffix.
    public static func readingKey(_ key: String) -> String {
        var plain = String(key.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        if plain.hasSuffix("reading"), plain.count > "reading".count { plain.removeLast("reading".count) }
        return plain
    }
}
