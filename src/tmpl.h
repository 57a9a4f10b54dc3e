/*
 * tmpl.h -- templates in the syntax of the C Template Library (ctemplate,
 * the C port of Perl's HTML::Template): TMPL_VAR, TMPL_IF/ELSIF/ELSE,
 * TMPL_LOOP with TMPL_BREAK/TMPL_CONTINUE, TMPL_INCLUDE, <* comments *>.
 *
 * Unlike the original, a template is parsed once into a tree and rendered
 * many times; values are HTML-escaped unless the tag says fmt="raw"; and
 * every error is found at load time, so rendering cannot fail.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

struct buf;
struct arena;

struct tmpl;		/* a compiled template; immutable, shareable */
struct tvars;		/* a variable list: name -> string or loop */

/*
 * Load and compile "name" from folder "dir", with its includes (resolved
 * relative to "dir"). On failure returns NULL and writes one line of the
 * form "file:line:col: message" into err.
 */
struct tmpl	*tmpl_load(const char *dir, const char *name,
		    char *err, size_t errsz);

/*
 * Compile template text held in memory; "label" names it in errors and
 * includes are resolved relative to "dir" (NULL: includes are an error).
 */
struct tmpl	*tmpl_parse(const char *text, size_t len, const char *dir,
		    const char *label, char *err, size_t errsz);

void		 tmpl_free(struct tmpl *);

/*
 * A program's set: load files[i] from "dir" into t[i] for i < n.
 * Returns -1 after logging "template file:line:col: message" for the
 * first that fails; tmpl_free_set() frees what was loaded (and NULLs it)
 * either way.
 */
int		 tmpl_load_set(const char *dir, const char *const *files,
		    struct tmpl **t, size_t n);
void		 tmpl_free_set(struct tmpl **t, size_t n);

/*
 * Render into "out" (appended). Variables are looked up in the current
 * loop row, then outward to the top-level list. Cannot fail.
 */
void		 tmpl_render(const struct tmpl *, const struct tvars *,
		    struct buf *out);

/*
 * Variable lists live in a request arena. Names and values are kept by
 * pointer, not copied: they must live as long as the arena (arena strings
 * or literals). Setting a name again replaces its value.
 */
struct tvars	*tvars_new(struct arena *);
void		 tvars_set(struct tvars *, const char *name, const char *value);
void		 tvars_set_int(struct tvars *, const char *name, long long);

/*
 * Append a new row to loop "name" of this list (creating the loop on first
 * use) and return the row. Lookups in the row fall back to this list.
 */
struct tvars	*tvars_add_row(struct tvars *, const char *name);

#endif /* TMPL_H */
