extension VehicleType {
    /// The type as an operator says it ("SUV", "Pickup truck"); the raw value is the API's word.
    public var title: String {
        switch self {
        case .car: "Car"
        case .carSUV: "SUV"
        case .carHatchback: "Hatchback"
        case .carSedan: "Sedan"
        case .van: "Van"
        case .truck: "Truck"
        case .bus: "Bus"
        case .motorcycle: "Motorcycle"
        case .pickupTruck: "Pickup truck"
        }
    }
}
