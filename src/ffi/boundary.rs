//! The boundary every exported function runs in: [`ffi_boundary!`] turns
//! `Err(Error)` into OpenSSL's failure value plus an ERR queue entry naming the
//! function, and a panic into `ERR_R_INTERNAL_ERROR`.

/// The failure value an exported function returns when its body fails.
pub trait Failure {
    fn failure() -> Self;
}

macro_rules! failure_value {
    ($($t:ty => $v:expr),* $(,)?) => { $(impl Failure for $t { fn failure() -> Self { $v } })* };
}
failure_value!(
    i32 => 0, u32 => 0, i64 => 0, u64 => 0, usize => 0, () => (),
);
impl<T> Failure for *mut T {
    fn failure() -> Self {
        std::ptr::null_mut()
    }
}
impl<T> Failure for *const T {
    fn failure() -> Self {
        std::ptr::null()
    }
}

/// Runs an entry point's body: `Ok(v)` is returned as is; `Err(e)` is pushed on
/// the ERR queue (naming the function) and the failure value is returned; a
/// panic is caught and reported as `ERR_R_INTERNAL_ERROR`.
///
/// `ffi_boundary!("NAME", { body })` fails with [`Failure::failure`];
/// `ffi_boundary!("NAME", failure_value, { body })` names the failure value.
#[macro_export]
macro_rules! ffi_boundary {
    ($name:literal, $body:block) => {
        $crate::ffi_boundary!($name, $crate::ffi::Failure::failure(), $body)
    };
    ($name:literal, $fail:expr, $body:block) => {{
        let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::std::result::Result<_, $crate::crypto::err::Error> { $body },
        ));
        match result {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                e.push($name);
                $fail
            }
            Err(_) => {
                $crate::crypto::err::Error::internal("panic caught at the FFI boundary")
                    .push($name);
                $fail
            }
        }
    }};
}
