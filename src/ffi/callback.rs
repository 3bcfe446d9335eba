//! Values C gives to be handed back (callback arguments, ex_data), and
//! function pointers C passes under a generic type.

/// A C data pointer (a callback argument, an ex_data slot) kept to be handed
/// back to C: opaque, never dereferenced, so `Send + Sync`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ptr(pub *mut std::ffi::c_void);
// SAFETY: `Ptr` is an opaque token (callback argument or ex_data) only ever
// handed back to C; Rust never dereferences it.
unsafe impl Send for Ptr {}
// SAFETY: as above.
unsafe impl Sync for Ptr {}
impl Default for Ptr {
    fn default() -> Self {
        Ptr(std::ptr::null_mut())
    }
}

/// A `*const T` that may cross threads: a reference to a C-owned object
/// whose owner guarantees it outlives its users (e.g. a BIO_METHOD).
pub struct SharedPtr<T>(pub *const T);
// SAFETY: only used for `Sync` pointees (`bio_method_st`), read-only.
unsafe impl<T: Sync> Send for SharedPtr<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for SharedPtr<T> {}

/// A C function pointer type ferrossl calls: `unsafe extern "C" fn(A, B, ...) -> R`.
///
/// Every C callback type in the crate is an `Option<unsafe extern "C" fn ...>`,
/// so Rust code cannot call one directly; it calls [`call_c`], which is the
/// only place the call happens. The premise, stated once here: a callback
/// value only ever comes from C through the setter documented for it, so it
/// is a function of exactly that C type, and the arguments ferrossl passes
/// are the ones that setter's contract describes. Each call site says in a
/// `// SAFETY:` line which contract it follows.
pub trait CFn<Args>: Copy {
    type Output;
    fn call_c(self, args: Args) -> Self::Output;
}

/// A function pointer type that a generic `void (*)(void)` may stand for.
pub trait CFnPtr: Copy {}

macro_rules! c_fn_arity {
    ($($a:ident),*) => {
        impl<$($a,)* R> CFn<($($a,)*)> for unsafe extern "C" fn($($a),*) -> R {
            type Output = R;
            #[allow(non_snake_case, clippy::unused_unit)]
            fn call_c(self, ($($a,)*): ($($a,)*)) -> R {
                // SAFETY: the premise of `CFn`: `self` came from C as a
                // function of this type, and the caller passes arguments that
                // satisfy its contract.
                unsafe { self($($a),*) }
            }
        }
        impl<$($a,)* R> CFnPtr for unsafe extern "C" fn($($a),*) -> R {}
    };
}
c_fn_arity!();
c_fn_arity!(A);
c_fn_arity!(A, B);
c_fn_arity!(A, B, C);
c_fn_arity!(A, B, C, D);
c_fn_arity!(A, B, C, D, E);
c_fn_arity!(A, B, C, D, E, F);
c_fn_arity!(A, B, C, D, E, F, G);

/// Calls the C callback `f` with the tuple `args`; see [`CFn`].
pub fn call_c<A, F: CFn<A>>(f: F, args: A) -> F::Output {
    f.call_c(args)
}

/// A function pointer C passed as a generic `void (*)(void)` (e.g. to
/// `SSL_CTX_callback_ctrl`), back at the type `F` its command defines.
pub fn cast_fn<F: CFnPtr>(f: unsafe extern "C" fn()) -> F {
    const { assert!(std::mem::size_of::<F>() == std::mem::size_of::<unsafe extern "C" fn()>()) };
    // SAFETY: both are function pointers of the same size; OpenSSL's contract
    // for the command is that the caller cast an `F` to `void (*)(void)`.
    unsafe { std::mem::transmute_copy::<unsafe extern "C" fn(), F>(&f) }
}
