/* libFuzzer harness: any bytes as a marks CSV (and as a pupils and a calendar
 * CSV) against a small school in an in-memory database. The import must
 * either succeed or fail with a message, never crash, leak or corrupt, and a
 * failed import must leave the register exactly as it was. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/import.h"

static struct store *store;
static struct engine engine;
static char path[64];

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz setup failed: %s\n", what);
		abort();
	}
}

static void write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");
	must(f != NULL, p);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	char err[256];
	struct app_error ae = {0};
	int applied;
	must(store_open(":memory:", &store, err, sizeof err) == 0, err);
	must(store_migrate(store, &applied) == 0, "migrate");
	struct school_rec school = {.urn = "100001", .name = "Fuzz School", .phase = "primary"};
	must(store_school_insert(store, &school, "2025-01-01T00:00:00.000Z") == 0, "school");
	must(engine_open(&engine, store, NULL, &ae) == 0, ae.message);
	snprintf(path, sizeof path, "/tmp/fuzz-import-%d.csv", (int)getpid());
	struct actor who = {"fuzz", "fuzz"};
	struct import_result res;
	write_file(path, "start,end,kind,label\n2025-09-01,2025-10-24,term,Autumn 1\n"
			 "2025-09-01,2025-09-01,inset,\n");
	must(import_calendar(&engine, path, &who, &res, &ae) == 0, ae.message);
	write_file(path, "upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n"
			 "A123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N\n"
			 "P123456789013,Jones,Ben,2015-05-01,M,5,5A,2025-09-10,2025-10-01,N,N,K,N\n");
	must(import_pupils(&engine, path, &who, &res, &ae) == 0, ae.message);
	setenv("ATTEND_NOW", "2025-10-20T12:00", 1);
}

static uint64_t fingerprint(void)
{
	uint64_t h = 1469598103934665603u;
	size_t n = (size_t)engine.m.n_rows * (size_t)engine.m.n_cols;
	for (size_t i = 0; i < n; i++)
		h = (h ^ engine.m.cells[i]) * 1099511628211u;
	return h ^ (uint64_t)engine.m.n_rows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!store)
		setup();
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct actor who = {"fuzz", "fuzz"};
	struct import_result res;
	struct app_error err = {0};
	uint64_t before = fingerprint();
	int rows_before = engine.m.n_rows;
	if (import_marks(&engine, path, &who, "fuzzing", &res, &err) < 0) {
		if (!err.message[0] || fingerprint() != before)
			abort(); /* a refusal must say why and change nothing */
	}
	if (import_pupils(&engine, path, &who, &res, &err) < 0 && engine.m.n_rows != rows_before)
		abort();
	(void)import_calendar(&engine, path, &who, &res, &err);
	return 0;
}
