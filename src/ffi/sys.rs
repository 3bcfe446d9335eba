//! The system calls behind descriptor BIOs: read/recv, write/send, poll,
//! fcntl, close, errno, and `fwrite` to a C `FILE*`.

use std::ffi::c_int;

/// `read(2)` / `recv(2)` on a descriptor, keeping `errno` for the caller.
pub fn fd_read(fd: c_int, buf: &mut [u8], socket: bool) -> c_int {
    loop {
        // SAFETY: `buf` is a valid writable slice; the kernel checks `fd`.
        let r = unsafe {
            if socket {
                libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0)
            } else {
                libc::read(fd, buf.as_mut_ptr().cast(), buf.len())
            }
        };
        if r < 0 && errno() == libc::EINTR {
            continue;
        }
        return r as c_int;
    }
}

/// `write(2)` / `send(2, MSG_NOSIGNAL)`: a closed peer is `EPIPE`, never SIGPIPE.
pub fn fd_write(fd: c_int, buf: &[u8], socket: bool) -> c_int {
    loop {
        // SAFETY: `buf` is a valid readable slice; the kernel checks `fd`.
        let r = unsafe {
            if socket {
                libc::send(fd, buf.as_ptr().cast(), buf.len(), libc::MSG_NOSIGNAL)
            } else {
                libc::write(fd, buf.as_ptr().cast(), buf.len())
            }
        };
        if r < 0 && errno() == libc::EINTR {
            continue;
        }
        return r as c_int;
    }
}

pub fn errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

pub fn set_errno(v: c_int) {
    // SAFETY: `__errno_location` returns this thread's errno slot.
    unsafe { *libc::__errno_location() = v }
}

/// Whether `fd` has input (or EOF, or an error) waiting right now; never blocks.
pub fn fd_readable_now(fd: c_int) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd and a zero timeout; the kernel checks `fd`.
    unsafe { libc::poll(&mut p, 1, 0) == 1 }
}

pub fn errno_is_retriable() -> bool {
    matches!(
        errno(),
        libc::EAGAIN | libc::EINTR | libc::EINPROGRESS | libc::EALREADY | libc::ENOTCONN
    ) || errno() == libc::EWOULDBLOCK
}

pub fn last_io_error() -> std::io::Error {
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(0) {
        std::io::Error::other("BIO error")
    } else {
        e
    }
}

pub fn set_nonblocking(fd: c_int, on: bool) -> bool {
    // SAFETY: fcntl on an integer descriptor; the kernel validates it.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return false;
        }
        let flags = if on {
            flags | libc::O_NONBLOCK
        } else {
            flags & !libc::O_NONBLOCK
        };
        libc::fcntl(fd, libc::F_SETFL, flags) == 0
    }
}

pub fn close_fd(fd: c_int) {
    // SAFETY: the BIO owned `fd` (BIO_CLOSE) and closes it once, at drop.
    unsafe {
        libc::close(fd);
    }
}

/// Writes all of `data` to a C `FILE*`.
pub fn fwrite_all(fp: *mut libc::FILE, data: &[u8]) {
    // SAFETY: C passed a valid, open `FILE*`; `data` is a valid slice.
    unsafe {
        libc::fwrite(data.as_ptr().cast(), 1, data.len(), fp);
    }
}

/// A C `FILE *` a file BIO (`BIO_new_fp`, `BIO_s_file`) reads and writes
/// through stdio, so its buffering stays consistent with the program's own
/// stdio calls on the same stream. Opaque: only stdio dereferences it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CFile(pub *mut libc::FILE);
// SAFETY: stdio streams lock themselves (POSIX flockfile); the pointer is
// only passed to stdio functions.
unsafe impl Send for CFile {}
// SAFETY: as above.
unsafe impl Sync for CFile {}

impl CFile {
    pub fn is_null(self) -> bool {
        self.0.is_null()
    }

    /// `fopen(path, mode)`; NULL with `errno` set on failure.
    pub fn open(path: &std::ffi::CStr, mode: &std::ffi::CStr) -> CFile {
        // SAFETY: two NUL-terminated strings.
        CFile(unsafe { libc::fopen(path.as_ptr(), mode.as_ptr()) })
    }

    /// `fread`: bytes read (0 at EOF or on error).
    pub fn read(self, buf: &mut [u8]) -> usize {
        // SAFETY: a live stream (the BIO's contract) and a writable slice.
        unsafe { libc::fread(buf.as_mut_ptr().cast(), 1, buf.len(), self.0) }
    }

    /// `fwrite`: bytes written.
    pub fn write(self, data: &[u8]) -> usize {
        // SAFETY: a live stream and a readable slice.
        unsafe { libc::fwrite(data.as_ptr().cast(), 1, data.len(), self.0) }
    }

    pub fn flush(self) -> bool {
        // SAFETY: a live stream.
        unsafe { libc::fflush(self.0) == 0 }
    }

    pub fn eof(self) -> bool {
        // SAFETY: a live stream.
        unsafe { libc::feof(self.0) != 0 }
    }

    pub fn error(self) -> bool {
        // SAFETY: a live stream.
        unsafe { libc::ferror(self.0) != 0 }
    }

    pub fn seek(self, pos: i64) -> bool {
        // SAFETY: a live stream.
        unsafe { libc::fseeko(self.0, pos, libc::SEEK_SET) == 0 }
    }

    pub fn tell(self) -> i64 {
        // SAFETY: a live stream.
        unsafe { libc::ftello(self.0) }
    }

    /// `fclose`: the stream is gone afterwards.
    pub fn close(self) {
        // SAFETY: the BIO owned the stream (BIO_CLOSE) and closes it once.
        unsafe {
            libc::fclose(self.0);
        }
    }
}

/// Turns the terminal `fd`'s echo on or off (`UI_OpenSSL`'s password
/// prompt); returns the previous state, or None when `fd` is not a terminal.
pub fn tty_set_echo(fd: c_int, on: bool) -> Option<bool> {
    // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid termios; the kernel checks `fd`.
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return None;
    }
    let was = t.c_lflag & libc::ECHO != 0;
    if on {
        t.c_lflag |= libc::ECHO;
    } else {
        t.c_lflag &= !libc::ECHO;
    }
    // SAFETY: as above; `t` came from tcgetattr.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) } != 0 {
        return None;
    }
    Some(was)
}
