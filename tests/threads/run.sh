#!/usr/bin/env bash
# tests/threads/run.sh -- ferrossl under threads (tests/threads/t_threads.c), one scenario
# per process. VALGRIND=1 runs them under valgrind (fewer iterations); SANITIZE=1 builds with
# ASan+UBSan. ONLY=regex selects scenarios. Prints "N passed, N failed"; exits 1 on failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
exec "$ROOT/tests/resource/suite.sh" threads t_threads "$@"
