/*
 * backup.h -- copying and checking a site's database while it serves
 * (folio backup, folio check).
 */
#ifndef BACKUP_H
#define BACKUP_H

#include "folio.h"

/*
 * Copy the database "src" to the new file "dest" with SQLite's online
 * backup API: one consistent snapshot, taken while the handlers read and
 * the admin writes. The copy is made beside "dest" under a temporary name,
 * verified (PRAGMA quick_check) and only then moved into place, so "dest"
 * is either the whole copy or untouched. An existing "dest" is replaced
 * only when "force" is set; otherwise FOLIO_ERR_INPUT. Logs its errors.
 */
enum folio_err	 backup_copy(const char *src, const char *dest, int force);

/*
 * Check the database "path": PRAGMA integrity_check, foreign_key_check
 * and the schema version this build expects. Each problem is logged, one
 * line each. Returns the number of problems (0: sound) or -1 when the
 * database could not be examined at all (also logged).
 */
int		 backup_check(const char *path);

#endif /* BACKUP_H */
