import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Names this kiosk: `INSPEKT_KIOSK_ID`, else the host name and a part of the machine id.
public enum KioskIdentity {
    public static var hostName: String {
        var host = [CChar](repeating: 0, count: 256)
        guard gethostname(&host, host.count - 1) == 0 else { return "kiosk" }
        let name = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "kiosk" : name
    }

    /// Where systemd and D-Bus keep the machine id; the second is older systems' place for it.
    public static let machineIDFiles = ["/etc/machine-id", "/var/lib/dbus/machine-id"]

    /// The first machine id that can be read: 32 hex digits, made when the system is installed or first booted.
    public static func machineID(files: [String] = machineIDFiles) -> String? {
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let id = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if id.count >= 8, id.allSatisfy(\.isHexDigit) { return id }
        }
        return nil
    }

    /// The host name and the machine id's first 8 digits: kiosks cloned from one image share the host name
    /// but not the machine id (a clone that kept the image's machine id shares both, and needs `INSPEKT_KIOSK_ID`).
    /// Within `INSPEKT_KIOSK_ID`'s rules: up to 64 letters, digits, '-', '_' or '.'.
    public static func defaultID(hostName: String = hostName, machineIDFiles: [String] = machineIDFiles) -> String {
        let host = String(
            hostName.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" }.prefix(55))
        guard let machine = machineID(files: machineIDFiles) else { return host }
        return host + "-" + machine.prefix(8)
    }

    /// The id an earlier version gave this kiosk by default (the bare host name), when it differs from today's.
    public static func formerDefaultID(machineIDFiles: [String] = machineIDFiles) -> String? {
        let former = hostName
        return former == defaultID(hostName: former, machineIDFiles: machineIDFiles) ? nil : former
    }
}
