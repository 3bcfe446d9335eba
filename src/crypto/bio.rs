//! BIO: the I/O objects an `SSL` reads and writes through — memory buffers,
//! file descriptors and sockets, BIO pairs, and user-defined `BIO_METHOD`s.
//!
//! A `BIO*` handed to C is an `Arc<bio_st>`. The struct is `repr(C)` only to
//! pin `flags` at byte offset 32: cl+ssl ORs retry bits into that word (an
//! OpenSSL 1.0 layout assumption), so there it lands on our real flags.

use crate::abi::consts::{
    BIO_CLOSE, BIO_CTRL_DUP, BIO_CTRL_EOF, BIO_CTRL_FLUSH, BIO_CTRL_GET_CLOSE, BIO_CTRL_INFO,
    BIO_CTRL_PENDING, BIO_CTRL_POP, BIO_CTRL_PUSH, BIO_CTRL_RESET, BIO_CTRL_SET_CLOSE,
    BIO_CTRL_WPENDING, BIO_C_FILE_SEEK, BIO_C_FILE_TELL, BIO_C_GET_BUF_MEM_PTR, BIO_C_GET_FD,
    BIO_C_GET_FILE_PTR, BIO_C_GET_READ_REQUEST, BIO_C_GET_WRITE_GUARANTEE,
    BIO_C_SET_BUF_MEM_EOF_RETURN, BIO_C_SET_FD, BIO_C_SET_FILENAME, BIO_C_SET_FILE_PTR,
    BIO_C_SET_NBIO, BIO_C_SHUTDOWN_WR, BIO_FLAGS_MEM_RDONLY, BIO_FLAGS_READ, BIO_FLAGS_RWS,
    BIO_FLAGS_SHOULD_RETRY, BIO_FLAGS_WRITE, BIO_FP_APPEND, BIO_FP_READ, BIO_FP_WRITE, BIO_NOCLOSE,
    BIO_TYPE_BIO, BIO_TYPE_FD, BIO_TYPE_FILE, BIO_TYPE_MEM, BIO_TYPE_NULL, BIO_TYPE_SOCKET,
};
use crate::abi::reasons::{
    BIO_R_BROKEN_PIPE, BIO_R_UNINITIALIZED, BIO_R_UNSUPPORTED_METHOD, BIO_R_WRITE_TO_READ_ONLY_BIO,
    ERR_LIB_BIO,
};
use crate::crypto::err::Error;
use parking_lot::Mutex;
use std::collections::VecDeque;
use std::ffi::{c_char, c_int, c_long, c_void, CString};
use std::sync::atomic::{AtomicI32, AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

pub type BioWriteFn = Option<unsafe extern "C" fn(*mut BIO, *const c_char, c_int) -> c_int>;
pub type BioReadFn = Option<unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int>;
pub type BioPutsFn = Option<unsafe extern "C" fn(*mut BIO, *const c_char) -> c_int>;
pub type BioGetsFn = Option<unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int>;
pub type BioCtrlFn = Option<unsafe extern "C" fn(*mut BIO, c_int, c_long, *mut c_void) -> c_long>;
pub type BioCreateFn = Option<unsafe extern "C" fn(*mut BIO) -> c_int>;
pub type BioDestroyFn = Option<unsafe extern "C" fn(*mut BIO) -> c_int>;

/// The callbacks of a user-defined `BIO_METHOD`.
#[derive(Clone, Copy, Default)]
pub struct MethodFns {
    pub write: BioWriteFn,
    pub read: BioReadFn,
    pub puts: BioPutsFn,
    pub gets: BioGetsFn,
    pub ctrl: BioCtrlFn,
    pub create: BioCreateFn,
    pub destroy: BioDestroyFn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Mem,
    Socket,
    Fd,
    Null,
    Pair,
    File,
    /// A filter (`BIO_f_md`, `BIO_f_cipher`, ...): its behaviour is a [`Filter`].
    Filter,
}

/// The behaviour of a filter BIO (`BIO_f_md`, `BIO_f_cipher`, `BIO_f_base64`,
/// `BIO_f_null`, `BIO_f_buffer`), as OpenSSL's filter methods: each call gets the
/// BIO itself (its flags, init, retry state) and reaches the BIO below through
/// [`bio_st::next`]. Its state is its own (interior mutability); `Drop` frees it.
pub trait Filter: Send + Sync {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int;
    fn write(&self, b: &bio_st, data: &[u8]) -> c_int;
    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    /// `BIO_gets`; None: the method has none (-2, `BIO_R_UNSUPPORTED_METHOD`).
    fn gets(&self, _b: &bio_st, _buf: &mut [u8]) -> Option<c_int> {
        None
    }
    /// Whether `BIO_puts` is a write (else -2, as a method without `bputs`).
    fn has_puts(&self) -> bool {
        false
    }
    /// The method's `destroy`, run as the BIO is freed (before its state is
    /// dropped), with the BIO's shutdown flag and init state still readable.
    fn free(&self, _b: &bio_st) {}
}

/// Makes the state of a new filter BIO (`BIO_new` of its method).
pub type FilterNew = fn() -> Result<Box<dyn Filter>, Error>;

/// A `BIO_METHOD`: one of the built-in statics, or one made by `BIO_meth_new`.
/// cbindgen:ignore
pub struct bio_method_st {
    kind: c_int,
    name: CString,
    builtin: Option<Builtin>,
    fns: Mutex<MethodFns>,
    filter: Option<FilterNew>,
}
crate::handle!(Owned: bio_method_st);
/// cbindgen:ignore
pub type BIO_METHOD = bio_method_st;

impl bio_method_st {
    pub fn user(kind: c_int, name: &[u8]) -> Self {
        let name = CString::new(
            name.iter()
                .copied()
                .filter(|b| *b != 0)
                .collect::<Vec<u8>>(),
        )
        .unwrap_or_default();
        Self {
            kind,
            name,
            builtin: None,
            fns: Mutex::new(MethodFns::default()),
            filter: None,
        }
    }

    fn builtin(kind: c_int, name: &str, b: Builtin) -> Self {
        Self {
            kind,
            name: CString::new(name).unwrap_or_default(),
            builtin: Some(b),
            fns: Mutex::new(MethodFns::default()),
            filter: None,
        }
    }

    /// A built-in filter method (`BIO_f_md()` ...): `new` makes each BIO's state.
    pub fn filter(kind: c_int, name: &str, new: FilterNew) -> Self {
        Self {
            filter: Some(new),
            ..Self::builtin(kind, name, Builtin::Filter)
        }
    }

    pub fn kind(&self) -> c_int {
        self.kind
    }

    pub fn name(&self) -> &CString {
        &self.name
    }

    /// Changes the user callbacks (`BIO_meth_set_*`); built-in methods are immutable.
    pub fn set(&self, f: impl FnOnce(&mut MethodFns)) -> Result<(), Error> {
        if self.builtin.is_some() {
            return Err(Error::new(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD));
        }
        f(&mut self.fns.lock());
        Ok(())
    }

    fn fns(&self) -> MethodFns {
        *self.fns.lock()
    }

    /// The built-in method this is, or None for a `BIO_meth_new` one.
    pub fn builtin_kind(&self) -> Option<Builtin> {
        self.builtin
    }

    /// The callbacks of a user method (`BIO_meth_get_*`).
    pub fn user_fns(&self) -> MethodFns {
        self.fns()
    }
}

pub static MEM_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::builtin(BIO_TYPE_MEM, "memory buffer", Builtin::Mem));
pub static SOCKET_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::builtin(BIO_TYPE_SOCKET, "socket", Builtin::Socket));
pub static FD_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::builtin(BIO_TYPE_FD, "file descriptor", Builtin::Fd));
pub static NULL_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::builtin(BIO_TYPE_NULL, "NULL", Builtin::Null));
pub static FILE_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::builtin(BIO_TYPE_FILE, "FILE pointer", Builtin::File));
pub static PAIR_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::builtin(BIO_TYPE_BIO, "BIO pair", Builtin::Pair));

/// `BUF_MEM`, as `BIO_get_mem_ptr` exposes it. `data` is an `AtomicPtr`
/// (the same layout as C's `char *`) so that a BIO holding this view stays
/// `Send + Sync`; only C reads it, between calls.
/// cbindgen:ignore
#[repr(C)]
pub struct buf_mem_st {
    pub length: usize,
    pub data: AtomicPtr<c_char>,
    pub max: usize,
    pub flags: c_ulong_t,
}
type c_ulong_t = std::ffi::c_ulong;
/// cbindgen:ignore
pub type BUF_MEM = buf_mem_st;
crate::handle!(Owned: buf_mem_st);

impl MemBuf {
    /// Moves the unread bytes to the front of `data` (OpenSSL's `mem_buf_sync`), so a
    /// pointer to them is the start of the allocation: what C may free.
    fn compact(&mut self) {
        if self.pos > 0 {
            self.data.drain(..self.pos);
            self.pos = 0;
        }
    }

    /// The BIO is freed: what C was handed and now owns is left allocated, as in
    /// OpenSSL's `mem_buf_free`. With `BIO_NOCLOSE` after `BIO_get_mem_ptr`, the
    /// `BUF_MEM` and its bytes (`BUF_MEM_free` releases them); with
    /// `BIO_FLAGS_MEM_RDONLY` set on a writable BIO (the `bio_to_mem` idiom:
    /// `BIO_get_mem_data`, set the flag, `BIO_free`, later `OPENSSL_free` the data),
    /// the bytes. `data` is a `Vec<u8>`, allocated by libc `malloc` (Rust's `System`
    /// allocator, which this library uses, for byte buffers), so libc `free` fits.
    fn release_to_c(&mut self, noclose: bool, rdonly_flag: bool) {
        if self.read_only {
            return;
        }
        if noclose && self.view_out {
            self.compact();
            let mut data = std::mem::take(&mut self.data);
            let view = &mut *self.view;
            view.length = data.len();
            view.max = data.capacity();
            view.data = AtomicPtr::new(if data.capacity() == 0 {
                std::ptr::null_mut()
            } else {
                data.as_mut_ptr() as *mut c_char
            });
            std::mem::forget(data);
            let view = std::mem::replace(&mut self.view, Box::new(buf_mem_st::empty()));
            Box::leak(view);
        } else if !noclose && rdonly_flag && self.pos == 0 {
            std::mem::forget(std::mem::take(&mut self.data));
        }
    }
}

impl buf_mem_st {
    pub const fn empty() -> Self {
        Self {
            length: 0,
            data: AtomicPtr::new(std::ptr::null_mut()),
            max: 0,
            flags: 0,
        }
    }
}

struct MemBuf {
    data: Vec<u8>,
    pos: usize,
    eof_return: c_int,
    read_only: bool,
    /// Handed out by `BIO_get_mem_ptr`; refreshed on each call.
    view: Box<buf_mem_st>,
    /// Whether `view` was handed out: with `BIO_NOCLOSE`, C then owns it and its data
    /// once the BIO is freed (`BUF_MEM_free`).
    view_out: bool,
}

/// One emptied memory-BIO buffer per thread, for the next memory BIO that needs one. Record
/// traffic through memory BIOs fills and drains them once per record; this keeps that from
/// costing a malloc/free pair per record while a drained BIO still holds no memory at all
/// (an idle connection's BIOs are empty; only the thread keeps one buffer).
mod spare {
    use std::cell::Cell;
    const MAX: usize = 64 * 1024;
    thread_local! { static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) }; }
    pub(super) fn take() -> Vec<u8> {
        SPARE.try_with(Cell::take).unwrap_or_default()
    }
    pub(super) fn give(mut v: Vec<u8>) {
        if v.capacity() > MAX {
            return;
        }
        v.clear();
        let _ = SPARE.try_with(|s| {
            let old = s.take();
            s.set(if old.capacity() >= v.capacity() {
                old
            } else {
                v
            });
        });
    }
}

impl MemBuf {
    fn available(&self) -> &[u8] {
        &self.data[self.pos..]
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
        if self.pos == self.data.len() && !self.read_only {
            // Drained: give the memory back, so idle connections stay small.
            spare::give(std::mem::take(&mut self.data));
            self.pos = 0;
        } else if self.pos > 4096 && self.pos * 2 > self.data.len() && !self.read_only {
            self.data.drain(..self.pos);
            self.pos = 0;
        }
    }
}

/// One direction of a BIO pair.
struct Ring {
    buf: VecDeque<u8>,
    cap: usize,
    closed: bool,
}

struct PairShared {
    rings: Mutex<[Ring; 2]>,
}

enum Kind {
    Mem(Mutex<MemBuf>),
    Fd {
        socket: bool,
    },
    Pair {
        shared: Arc<PairShared>,
        side: usize,
    },
    User(MethodFns),
    Null,
    /// A stdio stream (`BIO_new_fp`, `BIO_s_file`); NULL until one is set.
    File(Mutex<crate::ffi::CFile>),
    Filter(Box<dyn Filter>),
}

/// The BIO object.
/// cbindgen:ignore
#[repr(C)]
pub struct bio_st {
    method: crate::ffi::SharedPtr<bio_method_st>,
    _reserved: [usize; 3],
    /// Byte offset 32: see the module comment.
    flags: AtomicI32,
    init: AtomicI32,
    shutdown: AtomicI32,
    num: AtomicI32,
    retry_reason: AtomicI32,
    data: AtomicPtr<c_void>,
    /// The chain (`BIO_push`, `BIO_pop`, `BIO_next`): as in OpenSSL, links hold no
    /// reference; `BIO_free_all` walks them.
    next: AtomicPtr<bio_st>,
    prev: AtomicPtr<bio_st>,
    kind: Kind,
    /// `BIO_set_ex_data` / `BIO_get_ex_data` (`BIO_set_app_data` is slot 0).
    pub ex_data: crate::crypto::ex_data::ExData,
    /// `BIO_number_read` / `BIO_number_written`.
    pub num_read: AtomicU64,
    pub num_write: AtomicU64,
}
crate::handle!(Shared: bio_st);
/// cbindgen:ignore
pub type BIO = bio_st;

const _: () = assert!(std::mem::offset_of!(bio_st, flags) == 32);

impl bio_st {
    fn with_kind(method: *const bio_method_st, kind: Kind, init: bool) -> Self {
        Self {
            method: crate::ffi::SharedPtr(method),
            _reserved: [0; 3],
            flags: AtomicI32::new(0),
            init: AtomicI32::new(init as c_int),
            shutdown: AtomicI32::new(BIO_CLOSE),
            num: AtomicI32::new(-1),
            retry_reason: AtomicI32::new(0),
            data: AtomicPtr::new(std::ptr::null_mut()),
            next: AtomicPtr::new(std::ptr::null_mut()),
            prev: AtomicPtr::new(std::ptr::null_mut()),
            kind,
            ex_data: Default::default(),
            num_read: AtomicU64::new(0),
            num_write: AtomicU64::new(0),
        }
    }

    pub fn new_mem() -> Arc<Self> {
        Arc::new(Self::with_kind(
            &*MEM_METHOD,
            Kind::Mem(Mutex::new(MemBuf {
                data: Vec::new(),
                pos: 0,
                eof_return: -1,
                read_only: false,
                view: Box::new(buf_mem_st::empty()),
                view_out: false,
            })),
            true,
        ))
    }

    /// `BIO_new_mem_buf`: a read-only memory BIO over a copy of `data`, which
    /// reports EOF (0, no retry) when empty.
    pub fn new_mem_buf(data: &[u8]) -> Arc<Self> {
        let b = Self::new_mem();
        if let Kind::Mem(m) = &b.kind {
            let mut m = m.lock();
            m.data.extend_from_slice(data);
            m.read_only = true;
            m.eof_return = 0;
        }
        b.set_flags(BIO_FLAGS_MEM_RDONLY);
        b
    }

    pub fn new_fd(fd: c_int, close_flag: c_int, socket: bool) -> Arc<Self> {
        let method: &bio_method_st = if socket { &SOCKET_METHOD } else { &FD_METHOD };
        let b = Self::with_kind(method, Kind::Fd { socket }, true);
        b.num.store(fd, Ordering::Relaxed);
        b.shutdown.store(close_flag, Ordering::Relaxed);
        Arc::new(b)
    }

    /// `BIO_new_fp`: a BIO over the stdio stream `fp` (closed with the BIO
    /// if `close_flag` is `BIO_CLOSE`); a NULL stream leaves it uninitialised.
    pub fn new_file(fp: crate::ffi::CFile, close_flag: c_int) -> Arc<Self> {
        let b = Self::with_kind(&*FILE_METHOD, Kind::File(Mutex::new(fp)), !fp.is_null());
        b.shutdown.store(close_flag, Ordering::Relaxed);
        Arc::new(b)
    }

    /// `BIO_new_bio_pair`: two BIOs, each reading what the other writes.
    pub fn new_pair(cap1: usize, cap2: usize) -> (Arc<Self>, Arc<Self>) {
        let cap = |c: usize| if c == 0 { 17 * 1024 } else { c };
        let shared = Arc::new(PairShared {
            rings: Mutex::new([
                Ring {
                    buf: VecDeque::new(),
                    cap: cap(cap1),
                    closed: false,
                },
                Ring {
                    buf: VecDeque::new(),
                    cap: cap(cap2),
                    closed: false,
                },
            ]),
        });
        let a = Self::with_kind(
            &*PAIR_METHOD,
            Kind::Pair {
                shared: shared.clone(),
                side: 0,
            },
            true,
        );
        let b = Self::with_kind(&*PAIR_METHOD, Kind::Pair { shared, side: 1 }, true);
        (Arc::new(a), Arc::new(b))
    }

    /// `BIO_new(method)`. For a user method the `create` callback runs on the
    /// new object (through `raw`, the pointer C will see).
    pub fn new(method: &bio_method_st) -> Result<*mut Self, Error> {
        let b = match method.builtin {
            Some(Builtin::Mem) => Self::new_mem(),
            Some(Builtin::Socket) => Self::new_fd(-1, BIO_NOCLOSE, true),
            Some(Builtin::Fd) => Self::new_fd(-1, BIO_NOCLOSE, false),
            Some(Builtin::Null) => Arc::new(Self::with_kind(method, Kind::Null, true)),
            Some(Builtin::File) => {
                Self::new_file(crate::ffi::CFile(std::ptr::null_mut()), BIO_CLOSE)
            }
            Some(Builtin::Pair) => return Err(Error::unsupported("BIO_new(BIO_s_bio())")),
            Some(Builtin::Filter) => {
                let new = method
                    .filter
                    .ok_or_else(|| Error::internal("filter method without state"))?;
                Arc::new(Self::with_kind(method, Kind::Filter(new()?), true))
            }
            None => Arc::new(Self::with_kind(method, Kind::User(method.fns()), false)),
        };
        let raw = crate::ffi::into_raw(b);
        if let Some(create) = crate::ffi::borrow(raw)?.user_fns().and_then(|f| f.create) {
            // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
            if crate::ffi::call_c(create, (raw,)) != 1 {
                crate::ffi::release(raw);
                return Err(
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).data("BIO create callback failed")
                );
            }
        }
        Ok(raw)
    }

    fn user_fns(&self) -> Option<MethodFns> {
        match &self.kind {
            Kind::User(f) => Some(*f),
            _ => None,
        }
    }

    fn raw(&self) -> *mut bio_st {
        self as *const bio_st as *mut bio_st
    }

    pub fn method(&self) -> *const bio_method_st {
        self.method.0
    }

    pub fn flags(&self) -> c_int {
        self.flags.load(Ordering::Relaxed)
    }

    pub fn set_flags(&self, f: c_int) {
        self.flags.fetch_or(f, Ordering::Relaxed);
    }

    pub fn clear_flags(&self, f: c_int) {
        self.flags.fetch_and(!f, Ordering::Relaxed);
    }

    pub fn should_retry(&self) -> bool {
        self.flags() & BIO_FLAGS_SHOULD_RETRY != 0
    }

    pub fn should_read(&self) -> bool {
        self.flags() & BIO_FLAGS_READ != 0
    }

    pub fn should_write(&self) -> bool {
        self.flags() & BIO_FLAGS_WRITE != 0
    }

    pub fn retry_reason(&self) -> c_int {
        self.retry_reason.load(Ordering::Relaxed)
    }

    pub fn set_retry_reason(&self, r: c_int) {
        self.retry_reason.store(r, Ordering::Relaxed)
    }

    pub fn set_init(&self, v: c_int) {
        self.init.store(v, Ordering::Relaxed)
    }

    pub fn init(&self) -> c_int {
        self.init.load(Ordering::Relaxed)
    }

    pub fn set_data(&self, p: *mut c_void) {
        self.data.store(p, Ordering::Relaxed)
    }

    pub fn data(&self) -> *mut c_void {
        self.data.load(Ordering::Relaxed)
    }

    pub fn shutdown_flag(&self) -> c_int {
        self.shutdown.load(Ordering::Relaxed)
    }

    pub fn set_shutdown_flag(&self, v: c_int) {
        self.shutdown.store(v, Ordering::Relaxed)
    }

    /// Whether this is a memory BIO (its bytes are already in memory: no
    /// need to read record by record).
    pub fn is_mem(&self) -> bool {
        matches!(self.kind, Kind::Mem(_))
    }

    /// The descriptor of an fd/socket BIO, else None (`SSL_get_fd` gives -1).
    pub fn fd(&self) -> Option<c_int> {
        match self.kind {
            Kind::Fd { .. } => Some(self.num.load(Ordering::Relaxed)),
            _ => None,
        }
    }

    pub fn set_num(&self, v: c_int) {
        self.num.store(v, Ordering::Relaxed)
    }

    pub fn num(&self) -> c_int {
        self.num.load(Ordering::Relaxed)
    }

    fn set_retry(&self, rw: c_int) {
        self.set_flags(rw | BIO_FLAGS_SHOULD_RETRY);
    }

    /// Everything up to EOF (or a read error), as the `*_bio` d2i functions
    /// take their input; at most 100 MiB (ASN1_R_TOO_LONG beyond), and an
    /// empty read is ASN1_R_HEADER_TOO_LONG, OpenSSL's reason for no data.
    pub fn read_all(&self) -> Result<Vec<u8>, Error> {
        use crate::abi::reasons::{ASN1_R_HEADER_TOO_LONG, ASN1_R_TOO_LONG, ERR_LIB_ASN1};
        let mut data = Vec::new();
        let mut buf = [0u8; 16384];
        loop {
            let n = self.read(&mut buf);
            if n <= 0 {
                break;
            }
            data.extend_from_slice(&buf[..n as usize]);
            if data.len() > 100 << 20 {
                return Err(Error::new(ERR_LIB_ASN1, ASN1_R_TOO_LONG));
            }
        }
        if data.is_empty() {
            return Err(Error::new(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG));
        }
        Ok(data)
    }

    /// `BIO_read`: bytes read, 0 at EOF, or <0 with the retry flags saying
    /// whether to try again.
    pub fn read(&self, buf: &mut [u8]) -> c_int {
        let n = self.read_uncounted(buf);
        self.count(&self.num_read, n);
        n
    }

    fn read_uncounted(&self, buf: &mut [u8]) -> c_int {
        let len = buf.len().min(c_int::MAX as usize);
        let buf = &mut buf[..len];
        match &self.kind {
            Kind::User(f) => {
                let Some(read) = f.read else { return -2 };
                if self.init() == 0 {
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).push("BIO_read");
                    return -1;
                }
                // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                crate::ffi::call_c(
                    read,
                    (self.raw(), buf.as_mut_ptr() as *mut c_char, len as c_int),
                )
            }
            Kind::Mem(m) => {
                self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                let mut m = m.lock();
                let avail = m.available();
                if avail.is_empty() {
                    if m.eof_return != 0 {
                        self.set_retry(BIO_FLAGS_READ);
                    }
                    return m.eof_return;
                }
                let n = avail.len().min(len);
                buf[..n].copy_from_slice(&avail[..n]);
                m.consume(n);
                n as c_int
            }
            Kind::Fd { socket } => {
                self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                let r = crate::ffi::fd_read(self.num(), buf, *socket);
                if r < 0 && crate::ffi::errno_is_retriable() {
                    self.set_retry(BIO_FLAGS_READ);
                }
                r
            }
            Kind::File(fp) => {
                let fp = *fp.lock();
                if fp.is_null() {
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).push("BIO_read");
                    return -1;
                }
                let n = fp.read(&mut buf[..len]);
                if n == 0 && fp.error() {
                    return -1;
                }
                n as c_int
            }
            Kind::Pair { shared, side } => {
                self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                let mut rings = shared.rings.lock();
                let ring = &mut rings[1 - side];
                if ring.buf.is_empty() {
                    if ring.closed {
                        return 0;
                    }
                    self.set_retry(BIO_FLAGS_READ);
                    return -1;
                }
                let n = ring.buf.len().min(len);
                for (d, s) in buf[..n].iter_mut().zip(ring.buf.drain(..n)) {
                    *d = s;
                }
                n as c_int
            }
            Kind::Null => 0,
            Kind::Filter(f) => {
                if self.init() == 0 {
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).push("BIO_read");
                    return -1;
                }
                f.read(self, buf)
            }
        }
    }

    /// Memory BIOs only: `data` becomes the BIO's contents without a copy when the BIO
    /// holds nothing (an SSL's encrypted records, the common case: the BIO is drained
    /// between writes); otherwise `data` comes back for an ordinary `write`.
    pub fn mem_adopt(&self, data: Vec<u8>) -> Result<(), Vec<u8>> {
        let Kind::Mem(m) = &self.kind else {
            return Err(data);
        };
        let mut m = m.lock();
        if m.read_only || m.pos < m.data.len() || data.is_empty() {
            return Err(data);
        }
        self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
        spare::give(std::mem::replace(&mut m.data, data));
        m.pos = 0;
        Ok(())
    }

    /// Memory BIOs only: all the unread bytes as one buffer, taken without a copy, when
    /// there are some and at most `max` (and the BIO owns them: not read-only). The
    /// bytes are `buf[start..]`.
    pub fn mem_take(&self, max: usize) -> Option<(Vec<u8>, usize)> {
        let Kind::Mem(m) = &self.kind else {
            return None;
        };
        let mut m = m.lock();
        if m.read_only || m.pos == m.data.len() || m.data.len() - m.pos > max {
            return None;
        }
        self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
        let start = std::mem::replace(&mut m.pos, 0);
        Some((std::mem::take(&mut m.data), start))
    }

    /// `BIO_write`: bytes written, or <=0 with the retry flags set when the
    /// caller should try again.
    pub fn write(&self, data: &[u8]) -> c_int {
        let n = self.write_uncounted(data);
        self.count(&self.num_write, n);
        n
    }

    fn write_uncounted(&self, data: &[u8]) -> c_int {
        let len = data.len().min(c_int::MAX as usize);
        let data = &data[..len];
        match &self.kind {
            Kind::User(f) => {
                let Some(write) = f.write else { return -2 };
                if self.init() == 0 {
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).push("BIO_write");
                    return -1;
                }
                // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                crate::ffi::call_c(
                    write,
                    (self.raw(), data.as_ptr() as *const c_char, len as c_int),
                )
            }
            Kind::Mem(m) => {
                self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                let mut m = m.lock();
                if m.read_only {
                    Error::new(ERR_LIB_BIO, BIO_R_WRITE_TO_READ_ONLY_BIO).push("BIO_write");
                    return -1;
                }
                if m.data.capacity() == 0 {
                    m.data = spare::take();
                }
                m.data.extend_from_slice(data);
                len as c_int
            }
            Kind::Fd { socket } => {
                self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                let r = crate::ffi::fd_write(self.num(), data, *socket);
                if r < 0 && crate::ffi::errno_is_retriable() {
                    self.set_retry(BIO_FLAGS_WRITE);
                }
                r
            }
            Kind::File(fp) => {
                let fp = *fp.lock();
                if fp.is_null() {
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).push("BIO_write");
                    return -1;
                }
                let n = fp.write(data);
                if n < data.len() && n == 0 {
                    return -1;
                }
                n as c_int
            }
            Kind::Pair { shared, side } => {
                self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                let mut rings = shared.rings.lock();
                let ring = &mut rings[*side];
                if ring.closed {
                    Error::new(ERR_LIB_BIO, BIO_R_BROKEN_PIPE).push("BIO_write");
                    return -1;
                }
                let n = (ring.cap - ring.buf.len().min(ring.cap)).min(len);
                if n == 0 {
                    self.set_retry(BIO_FLAGS_WRITE);
                    return -1;
                }
                ring.buf.extend(&data[..n]);
                n as c_int
            }
            Kind::Null => len as c_int,
            Kind::Filter(f) => {
                if self.init() == 0 {
                    Error::new(ERR_LIB_BIO, BIO_R_UNINITIALIZED).push("BIO_write");
                    return -1;
                }
                f.write(self, data)
            }
        }
    }

    /// The socket/fd method's callbacks (what `BIO_meth_get_*` of `BIO_s_socket()`
    /// / `BIO_s_fd()` return) run on this BIO, typically one of a user method that
    /// borrows them, as PostgreSQL's libpq does: the descriptor is `num`.
    pub fn fd_method_create(&self) -> c_int {
        self.set_init(0);
        self.set_num(0);
        self.set_flags(0);
        1
    }

    pub fn fd_method_destroy(&self) -> c_int {
        if self.shutdown_flag() != 0 && self.init() != 0 {
            crate::ffi::close_fd(self.num());
            self.set_init(0);
        }
        1
    }

    pub fn fd_method_read(&self, buf: &mut [u8], socket: bool) -> c_int {
        crate::ffi::set_errno(0);
        let n = crate::ffi::fd_read(self.num(), buf, socket);
        self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
        if n <= 0 && crate::ffi::errno_is_retriable() {
            self.set_retry(BIO_FLAGS_READ);
        }
        n
    }

    pub fn fd_method_write(&self, buf: &[u8], socket: bool) -> c_int {
        crate::ffi::set_errno(0);
        let n = crate::ffi::fd_write(self.num(), buf, socket);
        self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
        if n <= 0 && crate::ffi::errno_is_retriable() {
            self.set_retry(BIO_FLAGS_WRITE);
        }
        n
    }

    pub fn fd_method_ctrl(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        match cmd {
            BIO_C_SET_FD => {
                let Some(fd) = crate::ffi::read_in(parg as *const c_int) else {
                    return 0;
                };
                self.fd_method_destroy();
                self.set_num(fd);
                self.set_shutdown_flag(larg as c_int);
                self.set_init(1);
                1
            }
            BIO_C_GET_FD => {
                if self.init() == 0 {
                    return -1;
                }
                if !parg.is_null() {
                    crate::ffi::write_out(parg as *mut c_int, self.num());
                }
                self.num() as c_long
            }
            BIO_CTRL_GET_CLOSE => self.shutdown_flag() as c_long,
            BIO_CTRL_SET_CLOSE => {
                self.set_shutdown_flag(larg as c_int);
                1
            }
            BIO_CTRL_DUP | BIO_CTRL_FLUSH => 1,
            _ => 0,
        }
    }

    /// `BIO_ctrl`.
    pub fn ctrl(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        match &self.kind {
            Kind::User(f) => match f.ctrl {
                // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                Some(ctrl) => crate::ffi::call_c(ctrl, (self.raw(), cmd, larg, parg)),
                None => 0,
            },
            Kind::Mem(m) => {
                let mut m = m.lock();
                match cmd {
                    BIO_CTRL_RESET => {
                        if m.read_only {
                            m.pos = 0;
                        } else {
                            m.data.clear();
                            m.pos = 0;
                        }
                        1
                    }
                    BIO_CTRL_EOF => m.available().is_empty() as c_long,
                    BIO_CTRL_INFO => {
                        // NULL before anything was written, as OpenSSL's empty BUF_MEM
                        let p = if m.data.capacity() == 0 {
                            std::ptr::null_mut()
                        } else {
                            m.data[m.pos..].as_ptr() as *mut c_char
                        };
                        crate::ffi::write_out(parg as *mut *mut c_char, p);
                        m.available().len() as c_long
                    }
                    BIO_CTRL_PENDING => m.available().len() as c_long,
                    BIO_CTRL_WPENDING => 0,
                    BIO_CTRL_FLUSH | BIO_CTRL_DUP => 1,
                    BIO_CTRL_GET_CLOSE => self.shutdown_flag() as c_long,
                    BIO_CTRL_SET_CLOSE => {
                        self.set_shutdown_flag(larg as c_int);
                        1
                    }
                    BIO_C_SET_BUF_MEM_EOF_RETURN => {
                        m.eof_return = larg as c_int;
                        1
                    }
                    BIO_C_GET_BUF_MEM_PTR => {
                        if !m.read_only {
                            m.compact();
                        }
                        let len = m.available().len();
                        let p = if m.data.capacity() == 0 {
                            std::ptr::null_mut()
                        } else {
                            m.data[m.pos..].as_ptr() as *mut c_char
                        };
                        *m.view = buf_mem_st {
                            length: len,
                            data: AtomicPtr::new(p),
                            max: len,
                            flags: 0,
                        };
                        m.view_out = true;
                        let view: *mut buf_mem_st = &mut *m.view;
                        crate::ffi::write_out(parg as *mut *mut buf_mem_st, view);
                        1
                    }
                    _ => 0,
                }
            }
            Kind::Fd { .. } => match cmd {
                BIO_C_SET_FD => {
                    if let Some(fd) = crate::ffi::read_in(parg as *const c_int) {
                        self.set_num(fd);
                        self.set_shutdown_flag(larg as c_int);
                        self.set_init(1);
                    }
                    1
                }
                BIO_C_GET_FD => {
                    let fd = if self.init() != 0 { self.num() } else { -1 };
                    crate::ffi::write_out(parg as *mut c_int, fd);
                    fd as c_long
                }
                BIO_C_SET_NBIO => crate::ffi::set_nonblocking(self.num(), larg != 0) as c_long,
                BIO_CTRL_GET_CLOSE => self.shutdown_flag() as c_long,
                BIO_CTRL_SET_CLOSE => {
                    self.set_shutdown_flag(larg as c_int);
                    1
                }
                BIO_CTRL_FLUSH | BIO_CTRL_DUP => 1,
                _ => 0,
            },
            Kind::File(fp) => self.file_ctrl(fp, cmd, larg, parg),
            Kind::Pair { shared, side } => {
                let mut rings = shared.rings.lock();
                match cmd {
                    BIO_CTRL_PENDING => rings[1 - side].buf.len() as c_long,
                    BIO_CTRL_WPENDING => rings[*side].buf.len() as c_long,
                    BIO_C_GET_WRITE_GUARANTEE => {
                        let r = &rings[*side];
                        (r.cap - r.buf.len().min(r.cap)) as c_long
                    }
                    BIO_C_SHUTDOWN_WR => {
                        rings[*side].closed = true;
                        1
                    }
                    BIO_CTRL_EOF => {
                        (rings[1 - side].buf.is_empty() && rings[1 - side].closed) as c_long
                    }
                    BIO_CTRL_FLUSH => 1,
                    BIO_C_GET_READ_REQUEST => 0,
                    _ => 0,
                }
            }
            Kind::Null => (cmd == BIO_CTRL_FLUSH) as c_long,
            Kind::Filter(f) => f.ctrl(self, cmd, larg, parg),
        }
    }

    /// The next BIO in the chain (`BIO_next`), if any.
    pub fn next(&self) -> Option<&bio_st> {
        crate::ffi::borrow(self.next.load(Ordering::Acquire)).ok()
    }

    /// `BIO_next`'s pointer.
    pub fn next_ptr(&self) -> *mut bio_st {
        self.next.load(Ordering::Acquire)
    }

    /// `BIO_set_next(self, next)`: links `next` after this BIO (no reference
    /// taken, as in OpenSSL).
    pub fn set_next(&self, next: *mut bio_st) {
        self.next.store(next, Ordering::Release);
        if let Ok(n) = crate::ffi::borrow(next) {
            n.prev.store(self.raw(), Ordering::Release);
        }
    }

    /// `BIO_push(self, append)`: `append` goes after the last BIO of this chain.
    pub fn push(&self, append: *mut bio_st) {
        let mut last = self;
        while let Some(n) = last.next() {
            last = n;
        }
        last.next.store(append, Ordering::Release);
        if let Ok(a) = crate::ffi::borrow(append) {
            a.prev.store(last.raw(), Ordering::Release);
        }
        self.ctrl(BIO_CTRL_PUSH, 0, last.raw() as *mut c_void);
    }

    /// `BIO_pop`: takes this BIO out of its chain; returns what followed it.
    pub fn pop(&self) -> *mut bio_st {
        let next = self.next_ptr();
        self.ctrl(BIO_CTRL_POP, 0, self.raw() as *mut c_void);
        let prev = self.prev.load(Ordering::Acquire);
        if let Ok(p) = crate::ffi::borrow(prev) {
            p.next.store(next, Ordering::Release);
        }
        if let Ok(n) = crate::ffi::borrow(next) {
            n.prev.store(prev, Ordering::Release);
        }
        self.next.store(std::ptr::null_mut(), Ordering::Release);
        self.prev.store(std::ptr::null_mut(), Ordering::Release);
        next
    }

    /// `BIO_ctrl` on the next BIO; 0 without one.
    pub fn ctrl_next(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        self.next().map_or(0, |n| n.ctrl(cmd, larg, parg))
    }

    /// `BIO_clear_retry_flags`.
    pub fn clear_retry_flags(&self) {
        self.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
    }

    /// `BIO_copy_next_retry`: the next BIO's retry flags and reason become this one's.
    pub fn copy_next_retry(&self) {
        if let Some(n) = self.next() {
            self.set_flags(n.flags() & (BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY));
            self.set_retry_reason(n.retry_reason());
        }
    }

    /// `BIO_ctrl_pending`.
    pub fn pending(&self) -> usize {
        self.ctrl(BIO_CTRL_PENDING, 0, std::ptr::null_mut()).max(0) as usize
    }

    /// `BIO_puts`.
    pub fn puts(&self, s: &[u8]) -> c_int {
        if let Kind::User(f) = &self.kind {
            if let Some(puts) = f.puts {
                let c = CString::new(s.iter().copied().filter(|b| *b != 0).collect::<Vec<u8>>())
                    .unwrap_or_default();
                // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                return crate::ffi::call_c(puts, (self.raw(), c.as_ptr()));
            }
        }
        if let Kind::Filter(f) = &self.kind {
            if !f.has_puts() {
                Error::new(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD).push("BIO_puts");
                return -2;
            }
        }
        self.write(s)
    }

    /// `BIO_gets` on a user method: the callback gets C's buffer as is, even
    /// of size 0 (cl+ssl's gets writes the terminator then). None otherwise.
    pub fn user_gets(&self, buf: *mut c_char, size: c_int) -> Option<c_int> {
        match &self.kind {
            Kind::User(f) => Some(match f.gets {
                // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                Some(gets) => crate::ffi::call_c(gets, (self.raw(), buf, size)),
                None => -2,
            }),
            _ => None,
        }
    }

    /// `BIO_gets`: reads one line of at most `buf.len() - 1` bytes and
    /// NUL-terminates it; returns its length.
    pub fn gets(&self, buf: &mut [u8]) -> c_int {
        if buf.is_empty() {
            return 0;
        }
        if let Kind::User(f) = &self.kind {
            return match f.gets {
                // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                Some(gets) => crate::ffi::call_c(
                    gets,
                    (
                        self.raw(),
                        buf.as_mut_ptr() as *mut c_char,
                        buf.len().min(c_int::MAX as usize) as c_int,
                    ),
                ),
                None => -2,
            };
        }
        if let Kind::Filter(f) = &self.kind {
            return f.gets(self, buf).unwrap_or_else(|| {
                Error::new(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD).push("BIO_gets");
                -2
            });
        }
        let mut line = Vec::new();
        let max = buf.len() - 1;
        let got = self.read_line_limited(&mut line, max);
        buf[..line.len()].copy_from_slice(&line);
        buf[line.len()] = 0;
        if !got && line.is_empty() {
            return 0;
        }
        line.len() as c_int
    }

    fn read_line_limited(&self, out: &mut Vec<u8>, max: usize) -> bool {
        if let Kind::Mem(m) = &self.kind {
            let mut m = m.lock();
            let avail = m.available();
            if avail.is_empty() {
                return false;
            }
            let end = avail
                .iter()
                .position(|b| *b == b'\n')
                .map(|i| i + 1)
                .unwrap_or(avail.len())
                .min(max);
            out.extend_from_slice(&avail[..end]);
            m.consume(end);
            return true;
        }
        let mut any = false;
        let mut byte = [0u8; 1];
        while out.len() < max && self.read(&mut byte) == 1 {
            any = true;
            out.push(byte[0]);
            if byte[0] == b'\n' {
                break;
            }
        }
        any
    }

    /// Reads one line (up to and including '\n') into `out`; false at EOF.
    pub fn read_line(&self, out: &mut Vec<u8>) -> bool {
        self.read_line_limited(out, usize::MAX)
    }

    /// Writes all of `data`, retrying short writes; false on error.
    pub fn write_all(&self, mut data: &[u8]) -> bool {
        while !data.is_empty() {
            let n = self.write(data);
            if n <= 0 {
                return false;
            }
            data = &data[(n as usize).min(data.len())..];
        }
        true
    }
}

impl bio_st {
    /// The file BIO's ctrl commands (OpenSSL's `file_ctrl` in bss_file.c).
    fn file_ctrl(
        &self,
        fp: &Mutex<crate::ffi::CFile>,
        cmd: c_int,
        larg: c_long,
        parg: *mut c_void,
    ) -> c_long {
        let mut cur = fp.lock();
        let close_old = |cur: &crate::ffi::CFile| {
            if self.shutdown_flag() != BIO_NOCLOSE && self.init() != 0 && !cur.is_null() {
                cur.close();
            }
        };
        match cmd {
            BIO_C_SET_FILE_PTR => {
                close_old(&cur);
                *cur = crate::ffi::CFile(parg as *mut libc::FILE);
                self.set_shutdown_flag((larg & 1) as c_int);
                self.set_init(c_int::from(!cur.is_null()));
                1
            }
            BIO_C_GET_FILE_PTR => {
                if !parg.is_null() {
                    crate::ffi::write_out(parg as *mut *mut libc::FILE, cur.0);
                }
                1
            }
            BIO_C_SET_FILENAME => {
                close_old(&cur);
                *cur = crate::ffi::CFile(std::ptr::null_mut());
                self.set_init(0);
                self.set_shutdown_flag((larg & 1) as c_int);
                let mode: &std::ffi::CStr = if larg & BIO_FP_APPEND != 0 {
                    if larg & BIO_FP_READ != 0 {
                        c"a+"
                    } else {
                        c"a"
                    }
                } else if larg & BIO_FP_READ != 0 && larg & BIO_FP_WRITE != 0 {
                    c"r+"
                } else if larg & BIO_FP_WRITE != 0 {
                    c"w"
                } else if larg & BIO_FP_READ != 0 {
                    c"r"
                } else {
                    Error::new(ERR_LIB_BIO, crate::abi::reasons::BIO_R_BAD_FOPEN_MODE)
                        .push("BIO_ctrl");
                    return 0;
                };
                let Ok(path) = crate::ffi::cstr_bytes(parg as *const c_char) else {
                    return 0;
                };
                let Ok(path) = CString::new(path) else {
                    return 0;
                };
                let f = crate::ffi::CFile::open(&path, mode);
                if f.is_null() {
                    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                    Error::system(errno)
                        .data(&format!(
                            "calling fopen({}, {})",
                            path.to_string_lossy(),
                            mode.to_string_lossy()
                        ))
                        .push("BIO_ctrl");
                    Error::new(ERR_LIB_BIO, crate::abi::reasons::ERR_R_SYS_LIB).push("BIO_ctrl");
                    return 0;
                }
                *cur = f;
                self.set_init(1);
                1
            }
            _ if cur.is_null() => 0,
            BIO_CTRL_RESET | BIO_C_FILE_SEEK => {
                let pos = if cmd == BIO_CTRL_RESET { 0 } else { larg };
                if cur.seek(pos) {
                    0
                } else {
                    -1
                }
            }
            BIO_CTRL_INFO | BIO_C_FILE_TELL => cur.tell() as c_long,
            BIO_CTRL_EOF => c_long::from(cur.eof()),
            BIO_CTRL_FLUSH => c_long::from(cur.flush()),
            BIO_CTRL_GET_CLOSE => self.shutdown_flag() as c_long,
            BIO_CTRL_SET_CLOSE => {
                self.set_shutdown_flag(larg as c_int);
                1
            }
            BIO_CTRL_DUP => 1,
            _ => 0,
        }
    }
}

impl Drop for bio_st {
    fn drop(&mut self) {
        match &self.kind {
            Kind::User(f) => {
                if let Some(destroy) = f.destroy {
                    // SAFETY: a BIO_METHOD function set with BIO_meth_set_*, called with this BIO (live for the call) and buffers valid for the lengths given.
                    crate::ffi::call_c(destroy, (self.raw(),));
                }
            }
            Kind::Fd { .. }
                if self.shutdown_flag() != BIO_NOCLOSE && self.init() != 0 && self.num() >= 0 =>
            {
                crate::ffi::close_fd(self.num());
            }
            Kind::File(fp) => {
                let fp = *fp.lock();
                if self.shutdown_flag() != BIO_NOCLOSE && !fp.is_null() {
                    fp.close();
                }
            }
            Kind::Filter(f) => f.free(self),
            Kind::Pair { shared, side } => {
                // The peer reads EOF once we are gone.
                shared.rings.lock()[*side].closed = true;
            }
            Kind::Mem(m) => {
                let noclose = self.shutdown_flag() == BIO_NOCLOSE;
                let rdonly = self.flags() & BIO_FLAGS_MEM_RDONLY != 0;
                m.lock().release_to_c(noclose, rdonly);
            }
            _ => {}
        }
    }
}

/// A `std::io` view of a BIO for rustls: retry becomes `WouldBlock`.
pub struct BioIo<'a>(pub &'a bio_st);

/// A user BIO that claims more bytes than it was given is broken: an error.
fn overlong() -> std::io::Error {
    std::io::Error::other("BIO callback returned more bytes than requested")
}

impl std::io::Read for BioIo<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf);
        if n as usize > buf.len() && n > 0 {
            Err(overlong())
        } else if n > 0 {
            Ok(n as usize)
        } else if self.0.should_retry() {
            Err(std::io::ErrorKind::WouldBlock.into())
        } else if n == 0 {
            Ok(0)
        } else {
            Err(crate::ffi::last_io_error())
        }
    }
}

impl std::io::Write for BioIo<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf);
        if n as usize > buf.len() && n > 0 {
            Err(overlong())
        } else if n > 0 {
            Ok(n as usize)
        } else if self.0.should_retry() {
            Err(std::io::ErrorKind::WouldBlock.into())
        } else {
            Err(crate::ffi::last_io_error())
        }
    }

    /// rustls hands over a flight as several records; on anything but a memory BIO they
    /// go out in one `BIO_write` (at most 64 KiB joined). Separate small writes to a TCP
    /// socket meet Nagle's algorithm and the peer's delayed ACK: 40 ms stalls per
    /// handshake, measured with cl+ssl's hunchentoot. OpenSSL also writes a flight at once.
    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        const JOIN_MAX: usize = 64 * 1024;
        let mut chunks = bufs.iter().filter(|b| !b.is_empty()).peekable();
        let Some(first) = chunks.next() else {
            return Ok(0);
        };
        if self.0.is_mem() || first.len() >= JOIN_MAX || chunks.peek().is_none() {
            return self.write(first);
        }
        let mut joined = Vec::with_capacity(JOIN_MAX.min(bufs.iter().map(|b| b.len()).sum()));
        joined.extend_from_slice(first);
        for b in chunks {
            if joined.len() + b.len() > JOIN_MAX {
                break;
            }
            joined.extend_from_slice(b);
        }
        self.write(&joined)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl bio_st {
    /// Adds a successful read or write of `n` bytes to `counter`.
    fn count(&self, counter: &AtomicU64, n: c_int) {
        if n > 0 {
            counter.fetch_add(n as u64, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mem_bio_read_write_and_retry() {
        let b = bio_st::new_mem();
        let mut buf = [0u8; 8];
        assert_eq!(b.read(&mut buf), -1);
        assert!(b.should_retry() && b.should_read());
        assert_eq!(b.write(b"hello\nworld"), 11);
        assert!(!b.should_retry());
        assert_eq!(b.pending(), 11);
        let mut line = Vec::new();
        assert!(b.read_line(&mut line));
        assert_eq!(line, b"hello\n");
        assert_eq!(b.read(&mut buf), 5);
        assert_eq!(&buf[..5], b"world");
        b.ctrl(BIO_C_SET_BUF_MEM_EOF_RETURN, 0, std::ptr::null_mut());
        assert_eq!(b.read(&mut buf), 0);
        assert!(!b.should_retry());
    }

    #[test]
    fn drained_mem_bio_holds_nothing_and_its_buffer_is_reused() {
        let capacity = |b: &bio_st| match &b.kind {
            Kind::Mem(m) => m.lock().data.capacity(),
            _ => unreachable!(),
        };
        drop(spare::take()); // this thread's spare, if an earlier test left one
        let (a, b) = (bio_st::new_mem(), bio_st::new_mem());
        let mut buf = [0u8; 600];
        assert_eq!(a.write(&[7u8; 600]), 600);
        let first = match &a.kind {
            Kind::Mem(m) => m.lock().data.as_ptr(),
            _ => unreachable!(),
        };
        assert_eq!(a.read(&mut buf[..100]), 100);
        assert!(capacity(&a) >= 600);
        assert_eq!(a.read(&mut buf), 500);
        assert_eq!(capacity(&a), 0, "a drained memory BIO keeps no buffer");
        assert_eq!(b.write(b"next record"), 11);
        let reused = match &b.kind {
            Kind::Mem(m) => m.lock().data.as_ptr(),
            _ => unreachable!(),
        };
        assert_eq!(
            reused, first,
            "the next memory BIO write on this thread reuses it"
        );
        assert_eq!(b.read(&mut buf), 11);
        assert_eq!(&buf[..11], b"next record");
    }

    #[test]
    fn a_flight_of_records_is_one_write_to_a_socket_like_bio() {
        use std::io::{IoSlice, Write};
        use std::sync::atomic::{AtomicUsize, Ordering};
        static WRITES: AtomicUsize = AtomicUsize::new(0);
        extern "C" fn count(_: *mut bio_st, _: *const c_char, len: c_int) -> c_int {
            WRITES.fetch_add(1, Ordering::SeqCst);
            len
        }
        let m = bio_method_st::user(0x0400 | 99, b"counting");
        m.set(|f| f.write = Some(count)).unwrap();
        let b = bio_st::new(&m).unwrap();
        let bio = crate::ffi::borrow(b).unwrap();
        bio.set_init(1);
        let flight = [
            IoSlice::new(b"server hello"),
            IoSlice::new(b""),
            IoSlice::new(b"ccs"),
            IoSlice::new(b"finished"),
        ];
        assert_eq!(BioIo(bio).write_vectored(&flight).unwrap(), 23);
        assert_eq!(WRITES.load(Ordering::SeqCst), 1);
        crate::ffi::release(b);
        // a memory BIO takes the records one by one (no joining copy)
        let mem = bio_st::new_mem();
        assert_eq!(BioIo(&mem).write_vectored(&flight).unwrap(), 12);
    }

    #[test]
    fn mem_buf_is_read_only_with_eof() {
        let b = bio_st::new_mem_buf(b"abc");
        let mut buf = [0u8; 8];
        assert_eq!(b.read(&mut buf), 3);
        assert_eq!(b.read(&mut buf), 0);
        assert!(!b.should_retry());
        crate::crypto::err::clear();
        assert_eq!(b.write(b"x"), -1);
        crate::crypto::err::clear();
    }

    #[test]
    fn pair_moves_bytes_and_signals_full() {
        let (a, b) = bio_st::new_pair(4, 4);
        assert_eq!(a.write(b"abcdef"), 4);
        assert_eq!(a.write(b"ef"), -1);
        assert!(a.should_retry() && a.should_write());
        let mut buf = [0u8; 8];
        assert_eq!(b.read(&mut buf), 4);
        assert_eq!(&buf[..4], b"abcd");
        assert_eq!(b.read(&mut buf), -1);
        assert!(b.should_retry());
        drop(a);
        assert_eq!(b.read(&mut buf), 0);
    }
}
