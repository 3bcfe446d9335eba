//! aws-lc's `X509_verify_cert` (OpenSSL 1.1's x509_vfy.c, as BoringSSL
//! keeps it) over certificates and CRLs given as DER: the second opinion
//! `ssl::verify` asks for the one chain webpki refuses and OpenSSL accepts,
//! a leaf with basicConstraints cA=TRUE issued by a trusted CA. Everything
//! aws-lc allocates here is freed before returning; its error queue is
//! emptied.

use crate::abi::consts::{X509_V_ERR_INVALID_CA, X509_V_ERR_UNSPECIFIED, X509_V_OK};
use aws_lc_sys as sys;
use std::ffi::{c_int, c_long, c_ulong};
use std::ptr::{self, NonNull};

/// What one verification is given. Host names are not among them: the
/// caller checks the leaf's names itself, for every path.
pub struct Inputs<'a> {
    pub leaf: &'a [u8],
    /// The trust anchors (the store's certificates).
    pub trusted: &'a [&'a [u8]],
    /// Certificates the chain may be built through, not trusted.
    pub untrusted: &'a [&'a [u8]],
    /// The store's CRLs, consulted under `X509_V_FLAG_CRL_CHECK`.
    pub crls: &'a [&'a [u8]],
    /// `X509_V_FLAG_*` bits aws-lc shares with OpenSSL (the caller picks).
    pub flags: c_ulong,
    /// `X509_PURPOSE_*` (purpose and its trust), `None` for any.
    pub purpose: Option<c_int>,
    /// The verification time, seconds since the epoch.
    pub time: i64,
    /// Intermediates allowed (`X509_VERIFY_PARAM_set_depth`).
    pub depth: c_int,
}

/// aws-lc's conclusion: the first error (OpenSSL's number) and its depth,
/// and the chain it built, leaf first (as far as it got on failure).
pub struct Outcome {
    pub error: c_long,
    pub depth: c_int,
    pub chain: Vec<Vec<u8>>,
}

/// An aws-lc object freed on drop.
struct Owned<T>(NonNull<T>, unsafe extern "C" fn(*mut T));
impl<T> Drop for Owned<T> {
    fn drop(&mut self) {
        // SAFETY: our object, freed once with its own free function.
        unsafe { (self.1)(self.0.as_ptr()) }
    }
}

fn owned<T>(p: *mut T, free: unsafe extern "C" fn(*mut T)) -> Option<Owned<T>> {
    NonNull::new(p).map(|p| Owned(p, free))
}

type DerParser<T> = unsafe extern "C" fn(*mut *mut T, *mut *const u8, c_long) -> *mut T;

/// An aws-lc object parsed from `der` by its d2i function.
fn parse<T>(der: &[u8], d2i: DerParser<T>, free: unsafe extern "C" fn(*mut T)) -> Option<Owned<T>> {
    let len = c_long::try_from(der.len()).ok()?;
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `len` readable bytes; the d2i function advances it.
    owned(unsafe { d2i(ptr::null_mut(), &mut p, len) }, free)
}

fn cert(der: &[u8]) -> Option<Owned<sys::X509>> {
    parse(der, sys::d2i_X509, sys::X509_free)
}

fn to_der(x: *mut sys::X509) -> Option<Vec<u8>> {
    let mut out: *mut u8 = ptr::null_mut();
    // SAFETY: `x` is a live X509; aws-lc allocates `out`, copied then freed.
    unsafe {
        let n = sys::i2d_X509(x, &mut out);
        if n <= 0 || out.is_null() {
            return None;
        }
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        sys::OPENSSL_free(out.cast());
        Some(v)
    }
}

/// A stack of X509s that does not own its elements (they stay owned by
/// the `Owned` values that made them, which outlive it).
struct Stack(NonNull<sys::OPENSSL_STACK>);
impl Drop for Stack {
    fn drop(&mut self) {
        // SAFETY: our stack; its elements are freed by their owners.
        unsafe { sys::OPENSSL_sk_free(self.0.as_ptr()) }
    }
}

/// OpenSSL 3's number for an aws-lc verify result. aws-lc keeps OpenSSL
/// 1.1's numbers, which OpenSSL 3 kept up to 65, but for
/// `X509_V_ERR_INVALID_CA` (24 in 1.1, 79 in 3.0); aws-lc's own codes past
/// 65 have no OpenSSL 3 counterpart of the same number.
fn openssl_code(code: c_int) -> c_long {
    match code {
        sys::X509_V_ERR_INVALID_CA => X509_V_ERR_INVALID_CA,
        0..=65 => c_long::from(code),
        _ => X509_V_ERR_UNSPECIFIED,
    }
}

/// Runs aws-lc's `X509_verify_cert` on `inp`; `None` when a certificate
/// or CRL does not parse or aws-lc cannot set the verification up.
pub fn verify(inp: &Inputs<'_>) -> Option<Outcome> {
    let out = run(inp);
    // SAFETY: empties this thread's aws-lc error queue.
    unsafe { sys::ERR_clear_error() };
    out
}

fn run(inp: &Inputs<'_>) -> Option<Outcome> {
    let leaf = cert(inp.leaf)?;
    let trusted: Vec<_> = inp.trusted.iter().map(|d| cert(d)).collect::<Option<_>>()?;
    let untrusted: Vec<_> = inp
        .untrusted
        .iter()
        .map(|d| cert(d))
        .collect::<Option<_>>()?;
    let crls: Vec<_> = inp
        .crls
        .iter()
        .map(|d| parse(d, sys::d2i_X509_CRL, sys::X509_CRL_free))
        .collect::<Option<_>>()?;
    // SAFETY: plain allocations.
    let store = owned(unsafe { sys::X509_STORE_new() }, sys::X509_STORE_free)?;
    // SAFETY: as above.
    let stack = Stack(NonNull::new(unsafe { sys::OPENSSL_sk_new_null() })?);
    // SAFETY: as above.
    let ctx = owned(
        unsafe { sys::X509_STORE_CTX_new() },
        sys::X509_STORE_CTX_free,
    )?;
    let (st, cx) = (store.0.as_ptr(), ctx.0.as_ptr());
    for x in &trusted {
        // SAFETY: live store and certificate; the store takes its own reference.
        // A certificate given twice is refused by aws-lc, harmlessly.
        unsafe { sys::X509_STORE_add_cert(st, x.0.as_ptr()) };
    }
    for c in &crls {
        // SAFETY: live store and CRL; the store takes its own reference.
        unsafe { sys::X509_STORE_add_crl(st, c.0.as_ptr()) };
    }
    for x in &untrusted {
        // SAFETY: live stack and certificate; `untrusted` outlives the stack and `ctx`.
        if unsafe { sys::OPENSSL_sk_push(stack.0.as_ptr(), x.0.as_ptr().cast()) } == 0 {
            return None;
        }
    }
    // SAFETY: live context, store, leaf and stack, all outliving the
    // verification (`ctx` is declared after them, so dropped first).
    let ok = unsafe { sys::X509_STORE_CTX_init(cx, st, leaf.0.as_ptr(), stack.0.as_ptr().cast()) };
    if ok != 1 {
        return None;
    }
    // SAFETY: an initialised context; the parameters are the context's own.
    unsafe {
        sys::X509_STORE_CTX_set_flags(cx, inp.flags);
        sys::X509_STORE_CTX_set_time_posix(cx, 0, inp.time);
        sys::X509_VERIFY_PARAM_set_depth(sys::X509_STORE_CTX_get0_param(cx), inp.depth);
        if let Some(p) = inp.purpose {
            if sys::X509_STORE_CTX_set_purpose(cx, p) != 1 {
                return None;
            }
        }
    }
    // SAFETY: an initialised context with everything it refers to alive.
    let verified = unsafe { sys::X509_verify_cert(cx) };
    // SAFETY: the context after verification; the chain stays its own.
    let (code, depth, sk) = unsafe {
        (
            sys::X509_STORE_CTX_get_error(cx),
            sys::X509_STORE_CTX_get_error_depth(cx),
            sys::X509_STORE_CTX_get0_chain(cx) as *const sys::OPENSSL_STACK,
        )
    };
    let mut chain = Vec::new();
    if !sk.is_null() {
        // SAFETY: the context's live chain of X509s.
        let n = unsafe { sys::OPENSSL_sk_num(sk) };
        for i in 0..n {
            // SAFETY: index below the count; the element stays the chain's.
            chain.push(to_der(unsafe { sys::OPENSSL_sk_value(sk, i) }.cast())?);
        }
    }
    let error = if verified == 1 {
        X509_V_OK
    } else if code == 0 {
        X509_V_ERR_UNSPECIFIED
    } else {
        openssl_code(code)
    };
    Some(Outcome {
        error,
        depth,
        chain,
    })
}
