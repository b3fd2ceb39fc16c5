/// The pickup photo that shows the same part as a return photo, and why it was chosen: what stands beside a
/// return photo on the comparison screen and in its report (the reason in words: `Localizer.counterpart`).
public struct PickupCounterpart: Sendable, Hashable {
    /// Why this pickup photo was chosen.
    public enum Reason: Sendable, Hashable {
        /// Taken from the same walk-around angle.
        case sameSlot
        /// The pickup's own result lists the part on this photo.
        case partInResult(part: String)
        /// Its walk-around slot faces the part (see `PartSlots`).
        case facingSlot(part: String)
    }

    public var photo: PhotoSelection
    public var reason: Reason

    public init(photo: PhotoSelection, reason: Reason) {
        self.photo = photo
        self.reason = reason
    }

    /// The pickup photo beside `photo` of the return, whose new damage is `damage`: the pickup photo of the same
    /// walk-around slot, else one the pickup's result lists a damaged part of the same name on, else the
    /// pickup's walk-around photo whose slot faces that part. Nil when the pickup has none of these.
    ///
    /// A damage close-up has no "same slot": two close-ups of one car are rarely of one part.
    public static func find(for photo: PhotoSelection, damage: [DamagedPart], pickup: Inspection?) -> PickupCounterpart?
    {
        guard let pickup, !pickup.photos.isEmpty else { return nil }
        if photo.slot != .damage, let same = pickup.photos.first(where: { $0.slot == photo.slot }) {
            return PickupCounterpart(photo: same, reason: .sameSlot)
        }
        let parts = damage.map(\.part)
        let map = PhotoDamageMap.match(photos: pickup.photos, result: pickup.result)
        for part in parts {
            let key = partKey(part)
            if let entry = map.photos.first(where: { $0.damage.contains { partKey($0.part) == key } }) {
                return PickupCounterpart(photo: entry.photo, reason: .partInResult(part: part))
            }
        }
        for part in parts {
            for slot in PartSlots.facing(part) {
                if let facing = pickup.photos.first(where: { $0.slot == slot }) {
                    return PickupCounterpart(photo: facing, reason: .facingSlot(part: part))
                }
            }
        }
        return nil
    }

    /// A part name in lower case with words separated by single spaces ("Left_Front  Door" = "left front door").
    static func partKey(_ part: String) -> String {
        part.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
