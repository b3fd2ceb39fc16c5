import InspektCore
import InspektLanguage
import InspektWords

/// A field of the case-entry form, in Tab order.
public enum CaseField: Int, CaseIterable, Sendable, Hashable {
    case caseID, vehicle, vehicleType, agentID, agentName, email, notes

    /// The next field in Tab order; after the last comes the first again.
    public var next: CaseField { CaseField(rawValue: (rawValue + 1) % CaseField.allCases.count) ?? self }
    /// The previous field; before the first comes the last.
    public var previous: CaseField {
        CaseField(rawValue: (rawValue + CaseField.allCases.count - 1) % CaseField.allCases.count) ?? self
    }
    public var isLast: Bool { self == .notes }

    public var title: String {
        switch self {
        case .caseID: "Case id"
        case .vehicle: "Vehicle"
        case .vehicleType: "Vehicle type"
        case .agentID: "Agent id"
        case .agentName: "Agent name"
        case .email: "Report e-mail"
        case .notes: "Notes"
        }
    }

    var placeholder: String? {
        switch self {
        case .caseID: "e.g. CASE-12345"
        case .vehicle: "plate or VIN"
        case .email: "optional"
        case .notes: "optional"
        default: nil
        }
    }
}

/// The case-entry form.
public struct CaseEntryState: Sendable, Hashable {
    public var focus: CaseField = .caseID
    public var caseID = TextField()
    public var vehicle = TextField()
    /// nil: not chosen.
    public var vehicleType: VehicleType?
    public var agentID = TextField()
    public var agentName = TextField()
    public var email = TextField()
    public var notes = TextField()
    /// Changed since the last `saveDraft`.
    public var dirty = false
    /// A `saveDraft` went out for this form at least once.
    public var saved = false
    /// Going on was refused: show every problem, not only the focused one.
    public var showAllProblems = false

    public init() {}

    /// The form filled from an inspection's facts.
    public init(facts: CaseFacts) {
        caseID = TextField(facts.caseID)
        vehicle = TextField(facts.vehicle)
        vehicleType = facts.vehicleType
        agentID = TextField(facts.agentID)
        agentName = TextField(facts.agentName)
        email = TextField(facts.email)
        notes = TextField(facts.notes)
        saved = true
    }

    /// The facts as typed so far.
    public var facts: CaseFacts {
        CaseFacts(
            caseID: caseID.text, vehicle: vehicle.text, vehicleType: vehicleType, agentID: agentID.text,
            agentName: agentName.text, email: email.text, notes: notes.text)
    }

    /// Whether anything beyond the prefilled agent was typed.
    public var isFilled: Bool {
        !caseID.text.isEmpty || !vehicle.text.isEmpty || vehicleType != nil || !email.text.isEmpty
            || !notes.text.isEmpty
    }

    /// The problem with a field, if any, in words.
    public func problem(_ field: CaseField, words: Localizer = Languages.english) -> String? {
        switch field {
        case .caseID: CaseIDRule.problem(in: caseID.text).map(words.problem)
        case .email: EmailRule.problem(in: email.text).map(words.problem)
        default: nil
        }
    }

    /// The first field with a problem.
    public var firstProblem: CaseField? { CaseField.allCases.first { problem($0) != nil } }

    subscript(text field: CaseField) -> TextField? {
        get {
            switch field {
            case .caseID: caseID
            case .vehicle: vehicle
            case .vehicleType: nil
            case .agentID: agentID
            case .agentName: agentName
            case .email: email
            case .notes: notes
            }
        }
        set {
            guard let newValue else { return }
            switch field {
            case .caseID: caseID = newValue
            case .vehicle: vehicle = newValue
            case .vehicleType: break
            case .agentID: agentID = newValue
            case .agentName: agentName = newValue
            case .email: email = newValue
            case .notes: notes = newValue
            }
        }
    }
}
