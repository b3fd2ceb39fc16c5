#ifndef INSPEKT_CNCURSES_SHIM_H
#define INSPEKT_CNCURSES_SHIM_H
// The wide-character API must be switched on before curses.h is read.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <poll.h>
#include <stdint.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Swift 6 cannot import curses' macros and mutable globals safely: one accessor each.
static inline WINDOW *inspekt_stdscr(void) { return stdscr; }
static inline WINDOW *inspekt_curscr(void) { return curscr; }
static inline int inspekt_lines(void) { return LINES; }
static inline int inspekt_cols(void) { return COLS; }
static inline int inspekt_colors(void) { return COLORS; }
static inline int inspekt_color_pairs(void) { return COLOR_PAIRS; }
static inline int inspekt_color_pair(int n) { return COLOR_PAIR(n); }
static inline int inspekt_key_resize(void) { return KEY_RESIZE; }
static inline int inspekt_err(void) { return ERR; }
static inline int inspekt_ok(void) { return OK; }
static inline attr_t inspekt_a_bold(void) { return A_BOLD; }
static inline attr_t inspekt_a_reverse(void) { return A_REVERSE; }
static inline attr_t inspekt_a_dim(void) { return A_DIM; }
static inline attr_t inspekt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t inspekt_a_normal(void) { return A_NORMAL; }

// Function-key codes (macros in curses.h).
static inline int inspekt_key_code_yes(void) { return KEY_CODE_YES; }
static inline int inspekt_key_up(void) { return KEY_UP; }
static inline int inspekt_key_down(void) { return KEY_DOWN; }
static inline int inspekt_key_left(void) { return KEY_LEFT; }
static inline int inspekt_key_right(void) { return KEY_RIGHT; }
static inline int inspekt_key_home(void) { return KEY_HOME; }
static inline int inspekt_key_end(void) { return KEY_END; }
static inline int inspekt_key_ppage(void) { return KEY_PPAGE; }
static inline int inspekt_key_npage(void) { return KEY_NPAGE; }
static inline int inspekt_key_btab(void) { return KEY_BTAB; }
static inline int inspekt_key_backspace(void) { return KEY_BACKSPACE; }
static inline int inspekt_key_dc(void) { return KEY_DC; }
static inline int inspekt_key_enter(void) { return KEY_ENTER; }
static inline int inspekt_key_f0(void) { return KEY_F0; }
static inline int inspekt_key_a1(void) { return KEY_A1; }
static inline int inspekt_key_c1(void) { return KEY_C1; }
static inline int inspekt_key_a3(void) { return KEY_A3; }
static inline int inspekt_key_c3(void) { return KEY_C3; }

/// Reads one key or character. Returns ERR when none came before the timeout, else OK for a
/// character or KEY_CODE_YES for a function key; the value lands in *value.
static inline int inspekt_get_wch(WINDOW *win, uint32_t *value) {
    wint_t ch = 0;
    int rc = wget_wch(win, &ch);
    *value = (uint32_t)ch;
    return rc;
}

/// Writes one cell: a base character with up to four combining marks (`count` wide chars),
/// attributes and an (extended) colour pair, at row y, column x.
static inline int inspekt_put_cell(WINDOW *win, int y, int x, const wchar_t *text, int count,
                                   attr_t attrs, int pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buffer[i] = text[i];
    if (n == 0) { buffer[0] = L' '; n = 1; }
    buffer[n] = L'\0';
    cchar_t cell;
    int extended = pair;
    // ncurses 6.1+: a non-null opts pointer carries a pair number above 32767.
    if (setcchar(&cell, buffer, attrs, (short)(pair < 32767 ? pair : 0), &extended) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

static inline int inspekt_init_pair(int pair, int fg, int bg) {
    return init_extended_pair(pair, fg, bg);
}

/// Starts curses on stdin/stdout; NULL (instead of exiting, as initscr would) when TERM is unknown.
static inline SCREEN *inspekt_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Whether the terminal can move the cursor (TERM=dumb cannot: no full-screen program works there).
static inline int inspekt_can_address_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// Sets the ESC delay, in milliseconds, that separates a lone Esc from an escape sequence.
static inline int inspekt_set_escdelay(int ms) { return set_escdelay(ms); }

/// Waits until the terminal or the wake pipe has bytes, or the timeout passes. Returns the poll
/// result; *terminal and *wake say which fd is readable. EINTR (e.g. SIGWINCH) returns -1.
static inline int inspekt_wait(int terminal_fd, int wake_fd, int timeout_ms, int *terminal, int *wake) {
    struct pollfd fds[2];
    fds[0].fd = terminal_fd; fds[0].events = POLLIN; fds[0].revents = 0;
    fds[1].fd = wake_fd; fds[1].events = POLLIN; fds[1].revents = 0;
    int rc = poll(fds, 2, timeout_ms);
    *terminal = (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    *wake = (fds[1].revents & POLLIN) != 0;
    return rc;
}

/// Whether the terminal went away: the far end of the pty closed (a dropped SSH link), so reads
/// give EOF or EIO and writes fail.
static inline int inspekt_hung_up(int fd) {
    struct pollfd p;
    p.fd = fd; p.events = POLLIN; p.revents = 0;
    if (poll(&p, 1, 0) < 0) return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}
#endif
