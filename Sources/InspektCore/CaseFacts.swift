/// The case reference and the few facts that travel with it.
public struct CaseFacts: Sendable, Codable, Hashable {
    public var caseID: String
    /// Plate or VIN, as the operator typed it.
    public var vehicle: String
    public var vehicleType: VehicleType?
    public var agentID: String
    public var agentName: String
    public var email: String
    public var notes: String

    public init(
        caseID: String, vehicle: String = "", vehicleType: VehicleType? = nil, agentID: String = "",
        agentName: String = "", email: String = "", notes: String = ""
    ) {
        self.caseID = caseID
        self.vehicle = vehicle
        self.vehicleType = vehicleType
        self.agentID = agentID
        self.agentName = agentName
        self.email = email
        self.notes = notes
    }
}

/// The vehicle types of the Inspektlabs result JSON.
public enum VehicleType: String, CaseIterable, Sendable, Codable, Hashable {
    case car
    case carSUV = "car_suv"
    case carHatchback = "car_hatchback"
    case carSedan = "car_sedan"
    case van
    case truck
    case bus
    case motorcycle
    case pickupTruck = "pickup-truck"
}
