/* The store of the data received from other schools: Common
 * Transfer Files and the attendance history they carry. Written once by an
 * import, read by profiles, the transition view and onward transfers. */
#include <string.h>

#include "store/store_internal.h"
#include "store/store.h"

static const char SQL_FILE_FIND[] =
	"SELECT id, file_name, sha256, ctf_version, source_lea, source_estab, source_urn, "
	"source_name, academic_year, dest_lea, dest_estab, imported_by, imported_at "
	"FROM transfer_files WHERE school_id = ?1 AND sha256 = ?2";

static const char SQL_FILE_INSERT[] =
	"INSERT INTO transfer_files (school_id, file_name, sha256, ctf_version, source_lea, "
	"source_estab, source_urn, source_name, academic_year, dest_lea, dest_estab, imported_by, "
	"imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";

static const char SQL_PUPIL_INSERT[] =
	"INSERT INTO transfer_pupils (school_id, file_id, upn, surname, forename, dob, sex) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";

static const char SQL_YEAR_INSERT[] =
	"INSERT INTO transfer_years (school_id, transfer_pupil_id, academic_year, lea, estab, "
	"school_name, sessions_possible, sessions_authorised, sessions_attended, "
	"sessions_unauthorised, start_date, marks, discrepancy) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";

/* The file's columns first (as SQL_FILE_FIND), then the pupil's, then the year's. */
static const char SQL_EACH[] =
	"SELECT f.id, f.file_name, f.sha256, f.ctf_version, f.source_lea, f.source_estab, "
	"f.source_urn, f.source_name, f.academic_year, f.dest_lea, f.dest_estab, f.imported_by, "
	"f.imported_at, p.id, p.upn, p.surname, p.forename, p.dob, p.sex, y.id, y.academic_year, "
	"y.lea, y.estab, y.school_name, y.sessions_possible, y.sessions_authorised, "
	"y.sessions_attended, y.sessions_unauthorised, y.start_date, y.marks, y.discrepancy "
	"FROM transfer_pupils p JOIN transfer_files f ON f.id = p.file_id "
	"LEFT JOIN transfer_years y ON y.transfer_pupil_id = p.id "
	"WHERE p.school_id = ?1 AND (p.upn = ?2 OR ?2 IS NULL) "
	"ORDER BY p.upn, y.academic_year, f.id, y.id";

static void read_file(struct db_stmt *st, struct transfer_file_rec *f)
{
	memset(f, 0, sizeof *f);
	f->id = db_col_int64(st, 0);
	st_col_copy(st, 1, f->file_name, sizeof f->file_name);
	st_col_copy(st, 2, f->sha256, sizeof f->sha256);
	st_col_copy(st, 3, f->ctf_version, sizeof f->ctf_version);
	st_col_copy(st, 4, f->source_lea, sizeof f->source_lea);
	st_col_copy(st, 5, f->source_estab, sizeof f->source_estab);
	st_col_copy(st, 6, f->source_urn, sizeof f->source_urn);
	st_col_copy(st, 7, f->source_name, sizeof f->source_name);
	st_col_copy(st, 8, f->academic_year, sizeof f->academic_year);
	st_col_copy(st, 9, f->dest_lea, sizeof f->dest_lea);
	st_col_copy(st, 10, f->dest_estab, sizeof f->dest_estab);
	st_col_copy(st, 11, f->imported_by, sizeof f->imported_by);
	st_col_copy(st, 12, f->imported_at, sizeof f->imported_at);
}

int store_transfer_file_find(struct store *s, int64_t school_id, const char *sha256,
			     struct transfer_file_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_FILE_FIND);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, sha256);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_file(st, out);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "looking for a received transfer file");
}

int store_transfer_file_insert(struct store *s, int64_t school_id, struct transfer_file_rec *f)
{
	struct db_stmt *st = store_prepare(s, SQL_FILE_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	const char *text[] = {f->file_name,    f->sha256,	 f->ctf_version, f->source_lea,
			      f->source_estab, f->source_urn,	 f->source_name, f->academic_year,
			      f->dest_lea,     f->dest_estab,	 f->imported_by, f->imported_at};
	for (int i = 0; i < 12; i++)
		db_bind_text(st, i + 2, text[i]);
	return st_step_id(s, st, "recording a received transfer file", &f->id);
}

int store_transfer_pupil_insert(struct store *s, int64_t school_id, struct transfer_pupil_rec *p)
{
	char sex[2] = {p->sex, 0};
	struct db_stmt *st = store_prepare(s, SQL_PUPIL_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, p->file_id);
	db_bind_text(st, 3, p->upn);
	db_bind_text(st, 4, p->surname);
	db_bind_text(st, 5, p->forename);
	st_bind_date(st, 6, p->dob);
	db_bind_text(st, 7, sex);
	return st_step_id(s, st, "recording a transferred pupil", &p->id);
}

int store_transfer_year_insert(struct store *s, int64_t school_id, struct transfer_year_rec *y)
{
	struct db_stmt *st = store_prepare(s, SQL_YEAR_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, y->transfer_pupil_id);
	db_bind_int(st, 3, y->academic_year);
	db_bind_text(st, 4, y->lea);
	db_bind_text(st, 5, y->estab);
	db_bind_text(st, 6, y->school_name);
	db_bind_int(st, 7, y->possible);
	db_bind_int(st, 8, y->authorised);
	db_bind_int(st, 9, y->attended);
	db_bind_int(st, 10, y->unauthorised);
	if (y->has_marks) {
		st_bind_date(st, 11, y->start);
		db_bind_text(st, 12, y->marks);
	}
	if (y->discrepancy[0])
		db_bind_text(st, 13, y->discrepancy);
	return st_step_id(s, st, "recording a year of transferred attendance", &y->id);
}

int store_transfers_each(struct store *s, int64_t school_id, const char *upn, store_transfer_cb cb,
			 void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (upn)
		db_bind_text(st, 2, upn);
	int rc;
	struct transfer_file_rec f;
	struct transfer_pupil_rec p;
	struct transfer_year_rec y;
	while ((rc = db_step(st)) == DB_ROW) {
		read_file(st, &f);
		memset(&p, 0, sizeof p);
		p.id = db_col_int64(st, 13);
		p.file_id = f.id;
		st_col_copy(st, 14, p.upn, sizeof p.upn);
		st_col_copy(st, 15, p.surname, sizeof p.surname);
		st_col_copy(st, 16, p.forename, sizeof p.forename);
		p.dob = st_col_date(st, 17);
		const char *sex = db_col_text(st, 18);
		p.sex = sex ? sex[0] : 'U';
		bool has_year = !db_col_null(st, 19);
		if (has_year) {
			memset(&y, 0, sizeof y);
			y.id = db_col_int64(st, 19);
			y.transfer_pupil_id = p.id;
			y.academic_year = db_col_int(st, 20);
			st_col_copy(st, 21, y.lea, sizeof y.lea);
			st_col_copy(st, 22, y.estab, sizeof y.estab);
			st_col_copy(st, 23, y.school_name, sizeof y.school_name);
			y.possible = db_col_int(st, 24);
			y.authorised = db_col_int(st, 25);
			y.attended = db_col_int(st, 26);
			y.unauthorised = db_col_int(st, 27);
			y.has_marks = !db_col_null(st, 29);
			y.start = st_col_date(st, 28);
			st_col_copy(st, 29, y.marks, sizeof y.marks);
			st_col_copy(st, 30, y.discrepancy, sizeof y.discrepancy);
		}
		if (cb(ctx, &f, &p, has_year ? &y : NULL) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading received transfer files");
}
