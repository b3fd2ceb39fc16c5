import Foundation

/// Sends everything written to stderr to a file while the screen is up: a stray library message
/// would otherwise land in the middle of the curses screen.
struct StandardErrorRedirect {
    private let saved: Int32

    /// Redirects stderr to `path` (appended, 0600); nil when the file cannot be opened.
    init?(to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(fd, STDERR_FILENO) >= 0 else {
            if saved >= 0 { close(saved) }
            return nil
        }
        self.saved = saved
    }

    /// Puts the original stderr back.
    func restore() {
        _ = dup2(saved, STDERR_FILENO)
        close(saved)
    }
}
