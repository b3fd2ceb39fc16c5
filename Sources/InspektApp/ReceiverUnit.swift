import Foundation
import InspektService

/// The systemd unit printed by `inspekt receiver --print-systemd-unit`: after a reboot it starts the receiver
/// `--until-idle`, so that results of inspections that were still waiting arrive with nobody logged in.
public enum ReceiverUnit {
    public static func text(configuration: ServiceConfiguration, listen: ListenAddress) -> String {
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/usr/local/bin/inspekt"
        let user =
            ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "inspekt"
        // Secrets (INSPEKT_DATABASE_URL's password, INSPEKT_WEBHOOK_SECRET) belong in the EnvironmentFile (mode 0600),
        // never in a unit file that anyone may read.
        return """
            # /etc/systemd/system/inspekt-receiver.service
            # Enable with: systemctl daemon-reload && systemctl enable --now inspekt-receiver.service
            [Unit]
            Description=inspekt result receiver (results pushed by Inspektlabs while nobody is logged in)
            After=network-online.target
            Wants=network-online.target

            [Service]
            Type=simple
            User=\(user)
            Environment=INSPEKT_DATA_DIR=\(configuration.dataDirectory)
            Environment=INSPEKT_RECEIVER_LISTEN=\(listen)
            EnvironmentFile=-/etc/inspekt/environment
            ExecStart=\(binary) receiver --until-idle
            Restart=on-failure
            RestartSec=10

            [Install]
            WantedBy=multi-user.target
            """
    }
}
