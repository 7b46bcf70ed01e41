#ifndef OPSDECK_CNCURSESW_SHIM_H
#define OPSDECK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so enable the wide-character API here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>
// Macros and globals Swift cannot import (or rejects in Swift 6 mode) are wrapped below, one each.
static inline WINDOW *opsdeck_stdscr(void) { return stdscr; }
static inline WINDOW *opsdeck_curscr(void) { return curscr; }
static inline int opsdeck_lines(void) { return LINES; }
static inline int opsdeck_cols(void) { return COLS; }
static inline int opsdeck_colors(void) { return COLORS; }
static inline int opsdeck_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *opsdeck_stdin(void) { return stdin; }
static inline FILE *opsdeck_stdout(void) { return stdout; }
static inline int opsdeck_key_f(int n) { return KEY_F(n); }
static inline attr_t opsdeck_a_normal(void) { return A_NORMAL; }
static inline attr_t opsdeck_a_bold(void) { return A_BOLD; }
static inline attr_t opsdeck_a_dim(void) { return A_DIM; }
static inline attr_t opsdeck_a_reverse(void) { return A_REVERSE; }
static inline attr_t opsdeck_a_underline(void) { return A_UNDERLINE; }
static inline attr_t opsdeck_a_italic(void) { return A_ITALIC; }
// glibc declares wcwidth only under _XOPEN_SOURCE, which the prebuilt Glibc module was not built with.
extern int wcwidth(wchar_t c);
static inline int opsdeck_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
// ioctl is variadic, which Swift cannot call.
static inline int opsdeck_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}
#endif
