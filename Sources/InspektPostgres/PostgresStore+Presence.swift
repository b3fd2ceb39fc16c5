import Foundation
import PostgresNIO

/// Two live kiosks with one kiosk id (clones of one image, or a name given twice) would resume each other's
/// uploads. Every connection of a kiosk names its machine and kiosk id as its `application_name`, so the
/// database's own list of sessions (`pg_stat_activity`) tells who is connected now: no table, no heartbeat.
extension PostgresStore {
    /// `inspekt <machine> <kiosk>`, cut to the 63 bytes PostgreSQL keeps, at a whole character as it does.
    static func presenceName(kiosk: String, machine: String?) -> String {
        var name = ""
        for character in "inspekt " + (machine.map { String($0.prefix(8)) } ?? "-") + " " + kiosk {
            guard name.utf8.count + character.utf8.count <= 63 else { break }
            name.append(character)
        }
        return name
    }

    /// The machines (first 8 digits of their id) of other processes connected now to this database under this kiosk id.
    public func otherMachinesWithThisKioskID() throws -> [String] {
        let own = Self.presenceName(kiosk: kioskID, machine: machineID).split(separator: " ", maxSplits: 2)
        guard own.count == 3, own[1] != "-" else { return [] }
        let names = try read { session in
            try session.rows(
                """
                SELECT DISTINCT application_name FROM pg_stat_activity
                WHERE datname = current_database() AND application_name LIKE 'inspekt %'
                """
            )
            .map { try $0["application_name"].decode(String.self) }
        }
        let machines = names.compactMap { name -> String? in
            let parts = name.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, parts[2] == own[2], parts[1] != own[1], parts[1] != "-" else { return nil }
            return String(parts[1])
        }
        return Array(Set(machines)).sorted()
    }
}
