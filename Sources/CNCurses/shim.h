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
#include <ncursesw/curses.h>

// Swift 6 cannot import curses' macros and mutable globals safely: one accessor each.
static inline WINDOW *inspekt_stdscr(void) { return stdscr; }
static inline int inspekt_lines(void) { return LINES; }
static inline int inspekt_cols(void) { return COLS; }
static inline int inspekt_colors(void) { return COLORS; }
static inline int inspekt_color_pair(int n) { return COLOR_PAIR(n); }
static inline int inspekt_key_resize(void) { return KEY_RESIZE; }
static inline int inspekt_err(void) { return ERR; }
static inline attr_t inspekt_a_bold(void) { return A_BOLD; }
static inline attr_t inspekt_a_reverse(void) { return A_REVERSE; }
static inline attr_t inspekt_a_dim(void) { return A_DIM; }
static inline attr_t inspekt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t inspekt_a_normal(void) { return A_NORMAL; }
#endif
