"""A program in a pseudo-terminal of its own, every byte it writes timestamped: the harness of the screen
benchmarks (scripts/bench-ui, scripts/bench-fleet)."""
import fcntl, os, pty, select, signal, struct, termios, time


class Run:
    def __init__(self, argv, env_extra, cols, rows, home, quiet=0.5, cwd=None):
        self.quiet = quiet
        self.start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
                   "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
            env.update(env_extra)
            if cwd: os.chdir(cwd)
            # The window size is set in the child, before the program can read it.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.data = b""
        self.last = None

    def settle(self, limit=20.0, quiet_for=None):
        """Reads until `quiet` seconds pass with no byte; returns the bytes read and the time of the last."""
        got = b""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], self.quiet if quiet_for is None else quiet_for)
            if not r: break
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not chunk: break
            self.last = time.monotonic()
            got += chunk
        self.data += got
        return got

    def wait_for(self, needle, limit=30.0):
        """Reads until `needle` appears in what is written from now on; returns the wall-clock time it was read, or None."""
        seen = b""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if not r: continue
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                return None
            if not chunk: return None
            at = time.time()
            seen += chunk
            self.data += chunk
            if needle in seen: return at
        return None

    def key(self, data):
        """Writes a key; returns (bytes written in answer, seconds from the key to the answer's last byte)."""
        sent = time.monotonic()
        self.last = None
        os.write(self.fd, data)
        got = self.settle()
        return got, ((self.last - sent) if self.last else 0.0)

    def peak_rss_mb(self):
        try:
            for line in open("/proc/%d/status" % self.pid):
                if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def finish(self):
        try: os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError: pass
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if r:
                try:
                    if not os.read(self.fd, 1 << 16): break
                except OSError: break
            if os.waitpid(self.pid, os.WNOHANG)[0]: break
        else:
            os.kill(self.pid, signal.SIGKILL)
        try: os.waitpid(self.pid, 0)
        except ChildProcessError: pass
        os.close(self.fd)
