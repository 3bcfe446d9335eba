#!/bin/sh
# The linker driver cargo uses on x86_64 Linux (.cargo/config.toml): `cc`, except
# for the link of libferrossl.so, where it first edits rustc's version script.
#
# Why: rustc gives the linker its own anonymous version script,
# `{ global: <every #[no_mangle] fn>; local: *; };`, and build.rs adds
# src/ferrossl.map, which puts each OpenSSL name on OpenSSL's version node
# (`OPENSSL_3.0.0 { global: SSL_new; ... };`). When a name is listed in both,
# lld keeps the first assignment, the anonymous one, so every name would stay
# at the base version. This script deletes from rustc's list the names
# ferrossl.map lists: they then get their OpenSSL node, and ferrossl's other
# exports (ferrossl_version, ERR_put_error, ...) stay at the base version.
# Any other link passes through unchanged.
map=
list=
for a in "$@"; do
    case "$a" in
    -Wl,--version-script=*/ferrossl.map) map=${a#-Wl,--version-script=} ;;
    -Wl,--version-script=*) [ -z "$list" ] && list=${a#-Wl,--version-script=} ;;
    esac
done
if [ -n "$map" ] && [ -n "$list" ] && [ -f "$list" ]; then
    names=$(mktemp) || exit 1
    # `    NAME;` lines of the named nodes.
    sed -n 's/^ *\([A-Za-z_][A-Za-z0-9_]*\);$/    \1;/p' "$map" >"$names"
    grep -vxF -f "$names" "$list" >"$list.new"
    mv "$list.new" "$list"
    rm -f "$names"
fi
exec "${FERROSSL_CC:-cc}" "$@"
