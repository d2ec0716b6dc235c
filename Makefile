# attend: `make` builds build/attend; `make run` and `make check` are the two
# commands the README promises (they install what is missing first).

CC ?= gcc
PKGS := sqlite3 libpq jansson libsodium libxml-2.0 libmicrohttpd libcurl pangocairo cairo-pdf libcrypto
CFLAGS_COMMON := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wno-missing-field-initializers -Wno-format-truncation -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

# The release build, and a sanitised one (ASan + UBSan) that the tests use.
CFLAGS_RELEASE := -O2 -g $(CFLAGS_COMMON)
CFLAGS_ASAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined $(CFLAGS_COMMON)

SRC := $(shell find src -name '*.c' ! -name main.c | sort)
MIGRATIONS_SQLITE := $(sort $(wildcard src/store/migrations/sqlite/*.sql))
MIGRATIONS_PG := $(sort $(wildcard src/store/migrations/pg/*.sql))
GEN := build/gen/migrations_sqlite.c build/gen/migrations_pg.c
# The web app's CSS and JS, embedded in the binary like the migrations.
STATIC_WEB := $(sort $(wildcard src/web/static/*))
GEN_WEB := build/gen/static_web.c
# Data shipped inside the binary (data/*.csv: the national benchmarks).
DATA_FILES := $(sort $(wildcard data/*.csv))
GEN_DATA := build/gen/data_files.c

OBJ_RELEASE := $(SRC:src/%.c=build/obj/%.o) $(GEN:build/gen/%.c=build/obj/gen/%.o) \
	build/obj/gen/static_web.o build/obj/gen/data_files.o
OBJ_ASAN := $(SRC:src/%.c=build/asan-obj/%.o) $(GEN:build/gen/%.c=build/asan-obj/gen/%.o) \
	build/asan-obj/gen/static_web.o build/asan-obj/gen/data_files.o

UNIT_TESTS := $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps deps-test deps-bench run check test test-pg unit cli-tests http-tests e2e-deps e2e-tests \
	bench bench-progs bench-npm clean format

all: build/attend

# Both backends' migrations, checked to be the same list first.
build/gen/migrations_sqlite.c: src/store/embed-migrations.sh src/store/check-migrations.sh \
		$(MIGRATIONS_SQLITE) $(MIGRATIONS_PG)
	@mkdir -p $(dir $@)
	bash src/store/check-migrations.sh
	sh src/store/embed-migrations.sh sqlite $(MIGRATIONS_SQLITE) > $@.tmp && mv $@.tmp $@
build/gen/migrations_pg.c: src/store/embed-migrations.sh src/store/check-migrations.sh \
		$(MIGRATIONS_SQLITE) $(MIGRATIONS_PG)
	@mkdir -p $(dir $@)
	bash src/store/check-migrations.sh
	sh src/store/embed-migrations.sh pg $(MIGRATIONS_PG) > $@.tmp && mv $@.tmp $@

$(GEN_WEB): src/web/embed-static.sh $(STATIC_WEB)
	@mkdir -p $(dir $@)
	sh src/web/embed-static.sh $(STATIC_WEB) > $@.tmp && mv $@.tmp $@

$(GEN_DATA): src/app/embed-data.sh $(DATA_FILES)
	@mkdir -p $(dir $@)
	sh src/app/embed-data.sh $(DATA_FILES) > $@.tmp && mv $@.tmp $@

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) -c $< -o $@
build/asan-obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) -c $< -o $@

build/obj/%.o: src/%.c | $(GEN) $(GEN_WEB) $(GEN_DATA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) -MMD -MP -c $< -o $@
build/asan-obj/%.o: src/%.c | $(GEN) $(GEN_WEB) $(GEN_DATA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) -MMD -MP -c $< -o $@

build/libattend.a: $(OBJ_RELEASE)
	rm -f $@ && ar rcs $@ $^
build/libattend-asan.a: $(OBJ_ASAN)
	rm -f $@ && ar rcs $@ $^

build/attend: build/obj/main.o build/libattend.a
	$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(LDLIBS)
build/asan/attend: build/asan-obj/main.o build/libattend-asan.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) $^ -o $@ $(LDLIBS)

build/tests/%: tests/unit/%.c build/libattend-asan.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) -Itests/unit $< build/libattend-asan.a -o $@ $(LDLIBS) -lcmocka

deps:
	@bash scripts/install-deps.sh build
deps-test:
	@bash scripts/install-deps.sh test
deps-bench:
	@bash scripts/install-deps.sh bench

# Builds, creates the demo school's database (once) and shows its figures.
DEMO_DB ?= demo.db
run: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run-demo.sh $(DEMO_DB)

unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; ./$$t; done

cli-tests: build/asan/attend build/attend
	@ATTEND=$(CURDIR)/build/asan/attend ATTEND_RELEASE=$(CURDIR)/build/attend \
		bash tests/cli/run.sh

# The web app against a real server on a temporary database (curl), and in
# a real browser (playwright-core driving Debian's chromium; screenshots go
# to build/screenshots/).
http-tests: build/asan/attend
	@ATTEND=$(CURDIR)/build/asan/attend bash tests/http/run.sh

e2e-deps: deps-test
	@cd tests/e2e && { { [ -d node_modules/playwright-core ] && [ -d node_modules/@axe-core/playwright ]; } || \
		npm ci --no-audit --no-fund; }

e2e-tests: build/asan/attend e2e-deps
	@ATTEND=$(CURDIR)/build/asan/attend node --test tests/e2e/

test: unit cli-tests http-tests e2e-tests fuzz-smoke

# The same suite again on PostgreSQL 15: tests/with-pg.sh starts a server of
# its own on loopback for the run, each test makes its own database on it,
# and the server is stopped afterwards, whatever happens.
test-pg: $(UNIT_TESTS) build/asan/attend build/attend e2e-deps
	@bash tests/with-pg.sh $(MAKE) --no-print-directory unit cli-tests http-tests e2e-tests

check: deps-test
	@$(MAKE) --no-print-directory all build/asan/attend
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test-pg

# The bench programs (bench/*.c): the engine's side, linked against the
# release library, and the SQL peers' runner (SQLite and PostgreSQL).
BENCH_PROGS := build/bench/engine_bench build/bench/sql_bench
build/bench/engine_bench: bench/engine_bench.c bench/bench_util.h build/libattend.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) -Ibench $< build/libattend.a -o $@ $(LDLIBS)
build/bench/sql_bench: bench/sql_bench.c bench/bench_util.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) $(shell pkg-config --cflags libpq) $< -o $@ \
		$(shell pkg-config --libs sqlite3 libpq)
bench-progs: $(BENCH_PROGS)

# DuckDB, a peer in `make bench`, through its Node API (bench/package.json).
bench-npm:
	@cd bench && npm ci --no-audit --no-fund --loglevel=error

# Other benchmark harnesses written in C (bench/*.c), linked like the tests.
build/bench/%: bench/%.c build/libattend.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) $< build/libattend.a -o $@ $(LDLIBS)

bench: deps-bench
	@$(MAKE) --no-print-directory all bench-progs bench-npm
	@bash bench/run.sh

format:
	clang-format -i $$(find src tests -name '*.[ch]')

clean:
	rm -rf build

-include $(OBJ_RELEASE:.o=.d) $(OBJ_ASAN:.o=.d) build/obj/main.d build/asan-obj/main.d

# libFuzzer harnesses (clang): `make fuzz` runs each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer,address,undefined $(filter-out -Wno-format-truncation,$(CFLAGS_COMMON))
FUZZERS := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
build/fuzz/%: fuzz/%.c $(SRC) $(GEN) $(GEN_WEB) $(GEN_DATA)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $< $(SRC) $(GEN) $(GEN_WEB) $(GEN_DATA) -o $@ $(LDLIBS)
.PHONY: fuzz fuzz-smoke
fuzz: $(FUZZERS)
	@set -e; for f in $(FUZZERS); do mkdir -p build/fuzz/corpus-$$(basename $$f); \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 build/fuzz/corpus-$$(basename $$f) fuzz/corpus/marks; done
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=5
