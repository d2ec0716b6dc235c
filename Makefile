# attend: `make` builds build/attend; `make run` and `make check` are the two
# commands the README promises (they install what is missing first).

CC ?= gcc
PKGS := sqlite3 jansson libsodium
CFLAGS_COMMON := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wno-missing-field-initializers -Wno-format-truncation -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

# The release build, and a sanitised one (ASan + UBSan) that the tests use.
CFLAGS_RELEASE := -O2 -g $(CFLAGS_COMMON)
CFLAGS_ASAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined $(CFLAGS_COMMON)

SRC := $(shell find src -name '*.c' ! -name main.c | sort)
MIGRATIONS_SQLITE := $(sort $(wildcard src/store/migrations/sqlite/*.sql))
GEN := build/gen/migrations_sqlite.c

OBJ_RELEASE := $(SRC:src/%.c=build/obj/%.o) build/obj/gen/migrations_sqlite.o
OBJ_ASAN := $(SRC:src/%.c=build/asan-obj/%.o) build/asan-obj/gen/migrations_sqlite.o

UNIT_TESTS := $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps deps-test deps-bench run check test unit cli-tests bench bench-progs bench-npm clean format

all: build/attend

build/gen/migrations_sqlite.c: src/store/embed-migrations.sh $(MIGRATIONS_SQLITE)
	@mkdir -p $(dir $@)
	sh src/store/embed-migrations.sh sqlite $(MIGRATIONS_SQLITE) > $@.tmp && mv $@.tmp $@

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) -c $< -o $@
build/asan-obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) -c $< -o $@

build/obj/%.o: src/%.c | $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_RELEASE) -MMD -MP -c $< -o $@
build/asan-obj/%.o: src/%.c | $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) -MMD -MP -c $< -o $@

build/libattend.a: $(OBJ_RELEASE)
	ar rcs $@ $^
build/libattend-asan.a: $(OBJ_ASAN)
	ar rcs $@ $^

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

test: unit cli-tests

check: deps-test
	@$(MAKE) --no-print-directory all build/asan/attend
	@$(MAKE) --no-print-directory test

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

bench: deps-bench
	@$(MAKE) --no-print-directory all bench-progs bench-npm
	@bash bench/run.sh

format:
	clang-format -i $$(find src tests -name '*.[ch]')

clean:
	rm -rf build

-include $(OBJ_RELEASE:.o=.d) $(OBJ_ASAN:.o=.d) build/obj/main.d build/asan-obj/main.d
