# mk/reliability.mk -- fuzzing, sanitizer/valgrind, hostile-peer, thread and resource tests
# (issue 7). Included by the top-level Makefile; also usable alone:
#   make -f mk/reliability.mk test-reliability
#
#   make fuzz                every fuzz target for FUZZ_TIME seconds each (default 300)
#   make fuzz-TARGET         one target (pem_der record_stream api_seq bio_user)
#   make test-reliability    fuzz smoke (FUZZ_SMOKE_TIME, 30 s per target), the C suite under
#                            valgrind, hostile peers, threads, resource bounds; every suite
#                            runs even if an earlier one fails; the last line is the total
#                            "N passed, N failed".
# FERROSSL_FUZZ_AVOID_KNOWN=1 makes the fuzzers steer around bugs already filed.
FUZZ_TIME ?= 300
FUZZ_SMOKE_TIME ?= 30
FUZZ_TARGETS ?= pem_der record_stream api_seq bio_user

.PHONY: fuzz fuzz-smoke test-reliability test-valgrind test-hostile test-threads test-resource \
        $(FUZZ_TARGETS:%=fuzz-%) reliability-lib

reliability-lib:
	cargo build --release

fuzz:
	fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

$(FUZZ_TARGETS:%=fuzz-%): fuzz-%:
	fuzz/run.sh $(FUZZ_TIME) $*

# The differential certificate target (ferrossl's reader against aws-lc's d2i_X509,
# fuzz/fuzz_targets/x509_diff.rs) is not in the smoke list, so make test keeps its time:
#   make fuzz-x509_diff   (or bash fuzz/run.sh 600 x509_diff)
.PHONY: fuzz-x509_diff
fuzz-x509_diff:
	fuzz/run.sh $(FUZZ_TIME) x509_diff

fuzz-smoke:
	fuzz/run.sh $(FUZZ_SMOKE_TIME) $(FUZZ_TARGETS)

test-valgrind: reliability-lib
	VALGRIND=1 tests/c/run.sh ferrossl

test-hostile: reliability-lib
	tests/hostile/run.sh

test-threads: reliability-lib
	tests/threads/run.sh

test-resource: reliability-lib
	tests/resource/run.sh

test-reliability: reliability-lib
	FUZZ_SMOKE_TIME=$(FUZZ_SMOKE_TIME) FUZZ_TARGETS="$(FUZZ_TARGETS)" mk/reliability.sh
