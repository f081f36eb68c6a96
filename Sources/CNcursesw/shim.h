// The only C in downhill: what Swift needs from ncursesw that it cannot import by itself.
//
// - The wide-character API (get_wch, setcchar, wadd_wch) is declared only when
//   NCURSES_WIDECHAR is 1 before <ncurses.h>.
// - Attribute and mouse masks (A_BOLD, BUTTON1_PRESSED, ...) and getmaxyx are macros:
//   they are re-exported below as static inline functions.
// - The C globals (stdscr, LINES, COLS, COLORS, COLOR_PAIRS) are shared mutable state
//   to Swift 6; accessor functions keep strict concurrency checking clean.
// - Signal recording and the crash handler are here in C, so that a signal handler
//   never runs Swift code (no runtime, no allocation, only async-signal-safe work).
#ifndef DOWNHILL_CNCURSESW_SHIM_H
#define DOWNHILL_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <fcntl.h>
#include <pthread.h>
#include <pty.h>
#include <termios.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>

// MARK: attributes and masks (macros in <ncurses.h>)

static inline attr_t dh_a_normal(void) { return A_NORMAL; }
static inline attr_t dh_a_bold(void) { return A_BOLD; }
static inline attr_t dh_a_dim(void) { return A_DIM; }
static inline attr_t dh_a_reverse(void) { return A_REVERSE; }
static inline attr_t dh_a_underline(void) { return A_UNDERLINE; }

static inline mmask_t dh_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t dh_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t dh_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

// MARK: globals as functions

static inline WINDOW *dh_stdscr(void) { return stdscr; }
static inline int dh_lines(void) { return LINES; }
static inline int dh_cols(void) { return COLS; }
static inline int dh_colors(void) { return COLORS; }
static inline int dh_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *dh_stdout(void) { return stdout; }
static inline FILE *dh_stdin(void) { return stdin; }
static inline int dh_errno(void) { return errno; }

/// Rows and columns of a window (the getmaxyx macro).
static inline void dh_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y = 0, x = 0;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

/// Sets a complex character from up to four code points (one spacing character and
/// combining marks), an attribute set and a colour pair.
static inline int dh_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, (short)(pair > 32767 ? 0 : pair), (void *)0);
}

/// Columns a code point takes (-1: not printable). Declared here because glibc hides
/// wcwidth unless _XOPEN_SOURCE is defined where <wchar.h> was first compiled.
extern int wcwidth(wchar_t c);
static inline int dh_wcwidth(int c) { return wcwidth((wchar_t)c); }

/// The locale's character set: "UTF-8", "ANSI_X3.4-1968", ...
static inline const char *dh_codeset(void) { return nl_langinfo(CODESET); }

// MARK: signals

/// The last terminating signal received (SIGINT, SIGTERM, SIGHUP), 0 if none. One slot
/// shared by this header's handlers; only ever written from a signal handler.
static inline volatile sig_atomic_t *dh_signal_slot(void) {
    static volatile sig_atomic_t slot = 0;
    return &slot;
}

/// Writes all of `n` bytes to `fd` (retrying short writes and EINTR); returns 0, or -1 on
/// an error. Async-signal-safe: the crash handler uses it too.
static inline int dh_write_all(int fd, const char *bytes, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, bytes, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        bytes += w;
        n -= (size_t)w;
    }
    return 0;
}

/// The terminal's size from the kernel (TIOCGWINSZ): 0 and rows, columns; -1 if unknown.
static inline int dh_window_size(int fd, int *rows, int *cols) {
    struct winsize w;
    memset(&w, 0, sizeof w);
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) return -1;
    *rows = w.ws_row;
    *cols = w.ws_col;
    return 0;
}

/// What the crash handler writes before endwin to switch off the terminal modes that
/// curses does not know about (bracketed paste, SGR mouse): set while they are on.
static inline const char *volatile *dh_modes_off_slot(void) {
    static const char *volatile off = 0;
    return &off;
}

/// Sets (or clears, with NULL) the mode-off string; it must stay valid while set.
static inline void dh_set_modes_off(const char *off) { *dh_modes_off_slot() = off; }

/// Whether curses is active, so that the crash handler knows to call endwin.
static inline volatile sig_atomic_t *dh_curses_active_slot(void) {
    static volatile sig_atomic_t active = 0;
    return &active;
}

/// Arms a one-shot SIGALRM in 50 ms (async-signal-safe: one system call).
static inline void dh_arm_wakeup(void) {
    struct itimerval t;
    memset(&t, 0, sizeof t);
    t.it_value.tv_usec = 50000;
    setitimer(ITIMER_REAL, &t, 0);
}

/// Records the signal. It also arms a wake-up: if the signal landed just before the loop
/// went to sleep in read(), the SIGALRM interrupts that read 50 ms later.
static inline void dh_record_signal(int sig) {
    *dh_signal_slot() = sig;
    dh_arm_wakeup();
}

/// SIGALRM: only interrupts a blocking read (no SA_RESTART); re-arms while a terminating
/// signal is waiting to be noticed.
static inline void dh_wakeup(int sig) {
    (void)sig;
    if (*dh_signal_slot()) dh_arm_wakeup();
}

static inline int dh_pending_signal(void) { return (int)*dh_signal_slot(); }
static inline void dh_set_curses_active(int active) { *dh_curses_active_slot() = active; }

// MARK: standard error while curses owns the screen

static inline int *dh_saved_stderr_slot(void) { static int fd = -1; return &fd; }
static inline int *dh_captured_stderr_slot(void) { static int fd = -1; return &fd; }

/// Sends standard error to an unlinked temporary file while curses owns the screen, so a
/// message (a Swift runtime "Fatal error: ...", a warning) neither scribbles over the
/// picture nor vanishes with the alternate screen. ``dh_release_stderr`` replays it.
/// Does nothing when stderr is not a terminal (a redirect already keeps it).
static inline void dh_capture_stderr(void) {
    if (*dh_saved_stderr_slot() >= 0 || !isatty(2)) return;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/downhill-stderr-XXXXXX", (dir && *dir) ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return;
    unlink(path);
    int saved = dup(2);
    if (saved < 0) { close(fd); return; }
    fflush(stderr);
    if (dup2(fd, 2) < 0) { close(fd); close(saved); return; }
    *dh_saved_stderr_slot() = saved;
    *dh_captured_stderr_slot() = fd;
}

/// Puts standard error back and writes out what was captured. Async-signal-safe (dup2,
/// lseek, read, write, close), so the crash handler calls it too.
static inline void dh_release_stderr(void) {
    int saved = *dh_saved_stderr_slot(), fd = *dh_captured_stderr_slot();
    if (saved < 0) return;
    *dh_saved_stderr_slot() = -1;
    *dh_captured_stderr_slot() = -1;
    dup2(saved, 2);
    close(saved);
    char buffer[4096];
    ssize_t n;
    if (lseek(fd, 0, SEEK_SET) == 0) {
        while ((n = read(fd, buffer, sizeof buffer)) > 0) {
            ssize_t off = 0;
            while (off < n) {
                ssize_t w = write(2, buffer + off, (size_t)(n - off));
                if (w <= 0) break;
                off += w;
            }
            if (off < n) break;
        }
    }
    close(fd);
}


// MARK: recording (--record): curses on a pseudo-terminal, relayed to the real one

/// The real terminal while a recording relays curses through a pseudo-terminal: its
/// output descriptor (-1 when not recording), the pty's master, and its modes before they
/// were made raw (restored at the end, and by the crash handler).
///
/// These are weak globals, not `static` locals of inline functions like the slots above:
/// Swift compiles each file of a module apart in debug builds, and every object file gets
/// its own copy of a static inline function and of its statics. The recorder
/// (SessionRecorder.swift) sets them and the crash handler (installed from Terminal.swift)
/// reads them, so they must be one variable for the whole program: the linker merges weak
/// definitions into one. Each has an initializer: without one the importer may emit a weak
/// reference instead, whose address is null.
__attribute__((weak)) int dh_tee_real_fd = -1;
__attribute__((weak)) int dh_tee_master_fd = -1;
__attribute__((weak)) struct termios dh_tee_saved = {0};
__attribute__((weak)) volatile sig_atomic_t dh_tee_resized = 0;
__attribute__((weak)) struct sigaction dh_tee_previous = {0};
static inline int *dh_tee_real_slot(void) { return &dh_tee_real_fd; }
static inline int *dh_tee_master_slot(void) { return &dh_tee_master_fd; }
static inline struct termios *dh_tee_saved_modes(void) { return &dh_tee_saved; }
/// Set by the SIGWINCH handler, cleared by the relay when it has noted the new size.
static inline volatile sig_atomic_t *dh_tee_resized_slot(void) { return &dh_tee_resized; }
static inline struct sigaction *dh_tee_previous_winch(void) { return &dh_tee_previous; }

/// Opens a pseudo-terminal with the modes and size of the terminal `real`; 0 on success.
static inline int dh_tee_openpty(int real, int *master, int *slave) {
    struct termios modes;
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (tcgetattr(real, &modes) != 0) return -1;
    ioctl(real, TIOCGWINSZ, &size);
    if (openpty(master, slave, 0, &modes, &size) != 0) return -1;
    fcntl(*master, F_SETFD, FD_CLOEXEC);
    return 0;
}

/// Saves the modes of the real terminal `real` and makes it raw (bytes pass unchanged
/// both ways: the pseudo-terminal does what the line discipline would). 0 on success.
static inline int dh_tee_make_raw(int real) {
    if (tcgetattr(real, dh_tee_saved_modes()) != 0) return -1;
    struct termios raw = *dh_tee_saved_modes();
    cfmakeraw(&raw);
    if (tcsetattr(real, TCSADRAIN, &raw) != 0) return -1;
    *dh_tee_real_slot() = real;
    return 0;
}

/// Puts the real terminal's saved modes back (after a suspend, at the end, in a crash).
static inline void dh_tee_restore_modes(void) {
    int real = *dh_tee_real_slot();
    if (real >= 0) tcsetattr(real, TCSADRAIN, dh_tee_saved_modes());
}

/// Makes the real terminal raw again with the modes saved before (after a resume).
static inline void dh_tee_raw_again(void) {
    int real = *dh_tee_real_slot();
    if (real < 0) return;
    struct termios raw = *dh_tee_saved_modes();
    cfmakeraw(&raw);
    tcsetattr(real, TCSADRAIN, &raw);
}

/// Gives the pseudo-terminal the real terminal's size (async-signal-safe: two ioctls).
static inline void dh_tee_copy_size(void) {
    int real = *dh_tee_real_slot(), master = *dh_tee_master_slot();
    if (real < 0 || master < 0) return;
    struct winsize size;
    if (ioctl(real, TIOCGWINSZ, &size) == 0) ioctl(master, TIOCSWINSZ, &size);
}

/// SIGWINCH while relaying: the pty takes the new size first, then curses' own handler
/// runs (it reads the size from the pty), and the relay notes a resize event.
static inline void dh_tee_winch(int sig) {
    dh_tee_copy_size();
    *dh_tee_resized_slot() = 1;
    struct sigaction *previous = dh_tee_previous_winch();
    if (!(previous->sa_flags & SA_SIGINFO) && previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler)
        previous->sa_handler(sig);
}

/// Installs the SIGWINCH relay in front of the handler curses installed (call after newterm).
static inline int dh_tee_install_winch(int master) {
    *dh_tee_master_slot() = master;
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = dh_tee_winch;
    sigemptyset(&act.sa_mask);
    act.sa_flags = 0;  // no SA_RESTART: a blocking read returns, so curses reports the resize
    return sigaction(SIGWINCH, &act, dh_tee_previous_winch());
}

/// Ends the relay's part in signals: curses' SIGWINCH handler back, no fds known.
static inline void dh_tee_forget(void) {
    if (*dh_tee_master_slot() >= 0) sigaction(SIGWINCH, dh_tee_previous_winch(), 0);
    *dh_tee_master_slot() = -1;
    *dh_tee_real_slot() = -1;
}

/// Whether `sig` is ignored (SIG_IGN) now.
static inline int dh_signal_ignored(int sig) {
    struct sigaction now;
    if (sigaction(sig, 0, &now) != 0) return 0;
    return !(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_IGN;
}

/// Blocks every asynchronous signal in the calling thread (the relay's), so that the
/// terminating signals, SIGALRM and SIGWINCH reach the main thread's read as before.
static inline void dh_block_signals_in_thread(void) {
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    sigdelset(&all, SIGILL);
    sigdelset(&all, SIGFPE);
    sigdelset(&all, SIGTRAP);
    sigdelset(&all, SIGABRT);
    pthread_sigmask(SIG_BLOCK, &all, 0);
}

/// Waits up to `ms` for the first two descriptors (input) and a third (a wake-up pipe):
/// bit 0 `a` readable or hung up, bit 1 `b`, bit 2 `c`; a descriptor < 0 is left out.
static inline int dh_poll3(int a, int b, int c, int ms) {
    struct pollfd p[3];
    p[0].fd = a; p[1].fd = b; p[2].fd = c;
    for (int i = 0; i < 3; i++) { p[i].events = POLLIN; p[i].revents = 0; }
    int n = poll(p, 3, ms);
    if (n <= 0) return 0;
    int bits = 0;
    for (int i = 0; i < 3; i++) if (p[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) bits |= 1 << i;
    return bits;
}

/// What the crash handler writes to the real terminal while relaying (the pty's own
/// endwin goes nowhere then): mouse reports and bracketed paste off, attributes, main
/// screen, cursor.
static const char dh_tee_crash_reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[?2004l\033[0m\033[?1049l\033[?25h\r\n";

/// A crash: give the terminal back (normal modes, cursor, main screen) and replay what was
/// written to stderr (the runtime's "Fatal error: ..."), then die of the same signal with
/// the default action so the exit status and core dump are the usual.
static inline void dh_crash_handler(int sig) {
    const char *off = *dh_modes_off_slot();
    if (off) {
        *dh_modes_off_slot() = 0;
        dh_write_all(1, off, strlen(off));
    }
    if (*dh_curses_active_slot()) {
        *dh_curses_active_slot() = 0;
        endwin();
    }
    if (*dh_tee_real_slot() >= 0) {
        dh_write_all(*dh_tee_real_slot(), dh_tee_crash_reset, sizeof dh_tee_crash_reset - 1);
        dh_tee_restore_modes();
    }
    dh_release_stderr();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, 0);
    raise(sig);
}

/// Sets `handler` for `sig` with `flags` and an empty mask (the one place sigaction is filled).
static inline int dh_set_handler(int sig, void (*handler)(int), int flags) {
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    sigemptyset(&act.sa_mask);
    act.sa_flags = flags;
    return sigaction(sig, &act, 0);
}

/// Installs the recording handler for `sig`, without SA_RESTART so that a blocking
/// read in get_wch returns (EINTR) and the loop sees the signal at once.
static inline int dh_install_recording_handler(int sig) {
    return dh_set_handler(sig, dh_record_signal, 0);
}

/// Installs the SIGALRM wake-up handler (no SA_RESTART).
static inline int dh_install_wakeup_handler(void) {
    return dh_set_handler(SIGALRM, dh_wakeup, 0);
}

/// Installs the crash handler for `sig` (SA_RESETHAND too, so a crash inside it cannot
/// loop).
static inline int dh_install_crash_handler(int sig) {
    return dh_set_handler(sig, dh_crash_handler, SA_RESETHAND | SA_NODEFER);
}

/// Puts back the default action for `sig`.
static inline int dh_restore_default_handler(int sig) {
    return dh_set_handler(sig, SIG_DFL, 0);
}

/// Waits up to `ms` milliseconds for `fd`: 1 hung up or invalid, 2 readable, 0 nothing.
static inline int dh_poll_input_wait(int fd, int ms) {
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    int n = poll(&p, 1, ms);
    if (n <= 0) return 0;
    if (p.revents & POLLIN) return 2;
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return 1;
    return 0;
}

/// Whether `fd` has hung up or is closed (POLLHUP/POLLERR/POLLNVAL), or reads as
/// end of file right now (readable, yet curses just got nothing from it).
/// Returns 1 for hung up / invalid, 2 for readable, 0 for nothing pending.
static inline int dh_poll_input(int fd) {
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    int n = poll(&p, 1, 0);
    if (n < 0) return 0;
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return 1;
    if (p.revents & POLLIN) return 2;
    return 0;
}

// MARK: terminal capabilities (last: <term.h> defines many lower-case macros)

#include <term.h>

/// Whether `name` is a terminal curses can drive, read from terminfo without writing
/// anything: 1 yes, 0 not in the database (or no database), -1 known but cannot
/// position the cursor (hard-copy, generic types such as `dumb`).
static inline int dh_check_terminal(const char *name, int fd) {
    int err = 0;
    if (setupterm(name, fd, &err) != OK) return err == 1 ? -1 : 0;
    char *cup = tigetstr("cup");
    int usable = cup != 0 && cup != (char *)-1 && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
    TERMINAL *probe = cur_term;
    set_curterm(0);
    del_curterm(probe);
    return usable ? 1 : -1;
}

/// A string capability of the current terminal (`kmous`, `BE`), or NULL when it has none.
static inline const char *dh_string_capability(const char *name) {
    char *value = tigetstr(name);
    return (value == 0 || value == (char *)-1) ? 0 : value;
}

#endif
