/* store/db: what the two databases' transactions promise the writer. A
 * commit reports success only when what the transaction did is saved: on
 * PostgreSQL an error outside a savepoint aborts the whole transaction, and
 * its COMMIT (answered "ROLLBACK") must fail; SQLite keeps the transaction
 * and commits what succeeded. A savepoint's RELEASE, sent with the next
 * SAVEPOINT, leaves the same outcome as sent alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "testdb.h"

struct fx {
	char dir[64];
	struct db *db;
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	char path[128], target[512], msg[256];
	snprintf(x->dir, sizeof x->dir, "/tmp/attend-unit-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	snprintf(path, sizeof path, "%s/t.db", x->dir);
	assert_int_equal(test_db_target(path, target, sizeof target), 0);
	assert_int_equal(db_open(target, &x->db, msg, sizeof msg), 0);
	assert_int_equal(db_exec(x->db, "CREATE TABLE t (v integer PRIMARY KEY)"), 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	char cmd[128];
	db_close(x->db);
	snprintf(cmd, sizeof cmd, "rm -rf %s", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

static int count_rows(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM t");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static void test_commit_fails_when_nothing_was_saved(void **state)
{
	struct fx *x = *state;
	assert_int_equal(db_begin(x->db), 0);
	assert_int_equal(db_exec(x->db, "INSERT INTO t VALUES (1)"), 0);
	/* an error outside any savepoint */
	assert_int_equal(db_exec(x->db, "INSERT INTO no_such_table VALUES (1)"), -1);
	int committed = db_commit(x->db) == 0;
	if (!committed)
		db_rollback(x->db);
	assert_int_equal(count_rows(x->db), committed ? 1 : 0);
	assert_int_equal(committed, db_kind(x->db) == DB_SQLITE);
}

static void test_release_with_the_next_savepoint(void **state)
{
	struct fx *x = *state;
	assert_int_equal(db_begin(x->db), 0);
	/* the first part saved, the second undone, the third saved */
	assert_int_equal(db_savepoint(x->db), 0);
	assert_int_equal(db_exec(x->db, "INSERT INTO t VALUES (1)"), 0);
	assert_int_equal(db_release(x->db), 0);
	assert_int_equal(db_savepoint(x->db), 0);
	assert_int_equal(db_exec(x->db, "INSERT INTO t VALUES (2)"), 0);
	assert_int_equal(db_exec(x->db, "INSERT INTO t VALUES (2)"), -1); /* the key again */
	assert_int_equal(db_rollback_to(x->db), 0);
	assert_int_equal(db_savepoint(x->db), 0);
	assert_int_equal(db_exec(x->db, "INSERT INTO t VALUES (3)"), 0);
	assert_int_equal(db_release(x->db), 0);
	assert_int_equal(db_commit(x->db), 0);
	assert_int_equal(count_rows(x->db), 2);
	struct db_stmt *st = db_prepare(x->db, "SELECT sum(v) FROM t");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 4);
	db_reset(st);
	/* a released savepoint is not one to roll back to */
	assert_int_equal(db_begin(x->db), 0);
	assert_int_equal(db_savepoint(x->db), 0);
	assert_int_equal(db_release(x->db), 0);
	assert_int_equal(db_rollback_to(x->db), -1);
	db_rollback(x->db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_fails_when_nothing_was_saved, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_release_with_the_next_savepoint, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
