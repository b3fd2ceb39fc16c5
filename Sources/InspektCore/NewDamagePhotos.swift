/// A comparison's new damage laid out for the operator and the customer: each return photo that shows new
/// damage, the pickup photo beside it (see `PickupCounterpart`), and the damage numbered through in the order
/// shown — the same numbers on the board, on the report's list and on its boxes.
public struct NewDamagePhotos: Sendable, Hashable {
    /// One return photo with new damage, and the pickup photo that shows the same part.
    public struct Pair: Sendable, Hashable {
        public var returnPhoto: PhotoDamage
        public var pickup: PickupCounterpart?
        /// The number of this photo's first damage (1-based); its others follow.
        public var firstNumber: Int
    }

    /// Return photos with new damage, in checklist order.
    public var pairs: [Pair]
    /// New damage the result puts on no photo of the return.
    public var unplaced: [DamagedPart]

    public init(pairs: [Pair], unplaced: [DamagedPart]) {
        self.pairs = pairs
        self.unplaced = unplaced
    }

    /// Lays out a comparison's result (`result`, naming the return's photos) beside the pickup's photos.
    public static func make(result: ResultSummary?, pickup: Inspection?, returned: Inspection?) -> NewDamagePhotos {
        let map = PhotoDamageMap.match(photos: returned?.photos ?? [], result: result)
        var number = 1
        var pairs: [Pair] = []
        for entry in map.photos where !entry.damage.isEmpty {
            let pickupPhoto = PickupCounterpart.find(for: entry.photo, damage: entry.damage, pickup: pickup)
            pairs.append(Pair(returnPhoto: entry, pickup: pickupPhoto, firstNumber: number))
            number += entry.damage.count
        }
        return NewDamagePhotos(pairs: pairs, unplaced: map.unplaced)
    }

    /// Every damage placed on a return photo, in the order shown: which pair, and the damage.
    public var placed: [(pair: Int, damage: DamagedPart)] {
        pairs.enumerated().flatMap { index, pair in pair.returnPhoto.damage.map { (pair: index, damage: $0) } }
    }

    /// How many new damage entries there are, placed or not.
    public var count: Int { placed.count + unplaced.count }
}
