#!/usr/bin/env bash
# tests/resource/run.sh -- a ferrossl server under 200 parallel handshakes, slow and
# half-open clients, a peer that never reads and one that floods (tests/resource/t_resource.c).
# Same options as tests/threads/run.sh. Prints "N passed, N failed"; exits 1 on failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
exec "$ROOT/tests/resource/suite.sh" resource t_resource "$@"
