/*
 * test_wxr.c -- `folio import-wxr` against small exports written here:
 * both namespace forms, every status, hierarchies declared child first,
 * menus, slugs that do not fit, and files that must be refused with the
 * database left as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "folio.h"
#include "db.h"
#include "wxr.h"
#include "harness.h"

static sqlite3		*db;
static char		 path[64];

#define NS10 "xmlns:wp=\"http://wordpress.org/export/1.0/\" " \
	"xmlns:excerpt=\"http://wordpress.org/export/1.0/excerpt/\" "
#define NS12 "xmlns:wp=\"https://wordpress.org/export/1.2/\" " \
	"xmlns:excerpt=\"https://wordpress.org/export/1.2/excerpt/\" "
#define HEAD(ns) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<rss version=\"2.0\" " ns \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" " \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n" \
	"<title>Old Blog</title><link>https://old.example</link>\n"
#define TAIL "</channel>\n</rss>\n"

/* An item: type, id, title, slug, status, parent, extra elements. */
#define ITEM(type, id, title, slug, status, parent, extra) \
	"<item><title>" title "</title>" \
	"<link>https://old.example/" slug "/</link>" \
	"<dc:creator><![CDATA[jane]]></dc:creator>" \
	"<content:encoded><![CDATA[Para one.\n\nPara two " \
	"<script>x()</script>]]></content:encoded>" \
	"<excerpt:encoded><![CDATA[Short <b>one</b>]]></excerpt:encoded>" \
	"<wp:post_id>" #id "</wp:post_id>" \
	"<wp:post_date_gmt>2020-02-03 04:05:06</wp:post_date_gmt>" \
	"<wp:post_name>" slug "</wp:post_name>" \
	"<wp:status>" status "</wp:status>" \
	"<wp:post_parent>" #parent "</wp:post_parent>" \
	"<wp:menu_order>0</wp:menu_order>" \
	"<wp:post_type>" type "</wp:post_type>" extra "</item>\n"

#define MENU_ITEM(id, title, menu, parent, type, object, object_id, url) \
	"<item><title>" title "</title><wp:post_id>" #id "</wp:post_id>" \
	"<wp:status>publish</wp:status><wp:menu_order>" #id \
	"</wp:menu_order><wp:post_type>nav_menu_item</wp:post_type>" \
	"<category domain=\"nav_menu\" nicename=\"" menu "\">M</category>" \
	"<wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key>" \
	"<wp:meta_value>" type "</wp:meta_value></wp:postmeta>" \
	"<wp:postmeta><wp:meta_key>_menu_item_object</wp:meta_key>" \
	"<wp:meta_value>" object "</wp:meta_value></wp:postmeta>" \
	"<wp:postmeta><wp:meta_key>_menu_item_object_id</wp:meta_key>" \
	"<wp:meta_value>" #object_id "</wp:meta_value></wp:postmeta>" \
	"<wp:postmeta><wp:meta_key>_menu_item_menu_item_parent" \
	"</wp:meta_key><wp:meta_value>" #parent "</wp:meta_value>" \
	"</wp:postmeta><wp:postmeta><wp:meta_key>_menu_item_url" \
	"</wp:meta_key><wp:meta_value>" url "</wp:meta_value>" \
	"</wp:postmeta></item>\n"

static const char site_wxr[] = HEAD(NS10)
	"<wp:wxr_version>1.0</wp:wxr_version>\n"
	"<wp:author><wp:author_login>jane</wp:author_login>"
	"<wp:author_email>jane@example.org</wp:author_email>"
	"<wp:author_display_name><![CDATA[Jane Roe]]>"
	"</wp:author_display_name></wp:author>\n"
	/* The child is declared before its parent. */
	"<wp:category><wp:term_id>2</wp:term_id>"
	"<wp:category_nicename>events</wp:category_nicename>"
	"<wp:category_parent>news</wp:category_parent>"
	"<wp:cat_name><![CDATA[Events &amp; Fairs]]></wp:cat_name>"
	"</wp:category>\n"
	"<wp:category><wp:term_id>1</wp:term_id>"
	"<wp:category_nicename>news</wp:category_nicename>"
	"<wp:category_parent></wp:category_parent>"
	"<wp:cat_name>News</wp:cat_name></wp:category>\n"
	"<wp:category><wp:term_id>3</wp:term_id>"
	"<wp:category_nicename>%c3%a9t%c3%a9</wp:category_nicename>"
	"<wp:cat_name>Été</wp:cat_name></wp:category>\n"
	"<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>fun</wp:tag_slug>"
	"<wp:tag_name>Fun</wp:tag_name></wp:tag>\n"
	ITEM("post", 10, "Hello <em>World</em>", "hello-world", "publish", 0,
	    "<wp:is_sticky>1</wp:is_sticky>"
	    "<category domain=\"category\" nicename=\"events\">E</category>"
	    "<category domain=\"category\" nicename=\"news\">N</category>"
	    "<category domain=\"post_tag\" nicename=\"fun\">Fun</category>"
	    "<category domain=\"post_tag\" nicename=\"new-tag\">New Tag"
	    "</category>"
	    "<wp:comment><wp:comment_id>1</wp:comment_id>"
	    "<wp:comment_content>Nice</wp:comment_content></wp:comment>")
	ITEM("post", 11, "Caf&#233; news", "caf%c3%a9-news", "draft", 0, "")
	"<item><title>Pictures</title><wp:post_id>19</wp:post_id>"
	"<content:encoded><![CDATA[[gallery ids=\"30\"]]]></content:encoded>"
	"<wp:post_name>pictures</wp:post_name><wp:status>publish</wp:status>"
	"<wp:post_type>post</wp:post_type></item>\n"
	ITEM("post", 12, "Later", "later", "future", 0, "")
	ITEM("post", 13, "Secret", "secret", "private", 0, "")
	ITEM("post", 14, "Review me", "review-me", "pending", 0, "")
	ITEM("post", 15, "Locked", "locked", "publish", 0,
	    "<wp:post_password>pw</wp:post_password>")
	ITEM("post", 16, "", "", "publish", 0, "")
	ITEM("post", 17, "Same slug", "hello-world", "publish", 0, "")
	ITEM("post", 18, "Auto", "auto", "auto-draft", 0, "")
	/* A child page before its parent, and a slug of digits. */
	ITEM("page", 21, "Team", "team", "publish", 20, "")
	ITEM("page", 20, "About", "about", "publish", 0, "")
	ITEM("page", 22, "Year", "2022", "publish", 0, "")
	ITEM("attachment", 30, "A picture", "pic", "inherit", 10,
	    "<wp:attachment_url>https://old.example/pic.jpg"
	    "</wp:attachment_url>")
	ITEM("wp_block", 40, "Reusable", "reusable", "publish", 0, "")
	/* Children before parents; the same ids again in another menu. */
	MENU_ITEM(52, "", "main", 51, "post_type", "page", 21, "")
	MENU_ITEM(51, "", "main", 0, "post_type", "page", 20, "")
	MENU_ITEM(53, "Cats", "main", 0, "taxonomy", "category", 2, "")
	MENU_ITEM(54, "A post", "main", 53, "post_type", "post", 10, "")
	MENU_ITEM(55, "Out", "main", 0, "custom", "custom", 55,
	    "https://elsewhere.example/")
	MENU_ITEM(56, "Bad", "main", 0, "custom", "custom", 56,
	    "javascript:alert(1)")
	MENU_ITEM(51, "Again", "footer", 0, "post_type", "page", 20, "")
	TAIL;

/* Author "bob" is not declared; namespace https, version 1.2. */
static const char https_wxr[] = HEAD(NS12)
	"<wp:wxr_version>1.2</wp:wxr_version>\n"
	"<item><title>Bob's post</title><dc:creator>Bob&gt;</dc:creator>"
	"<content:encoded><![CDATA[<!-- wp:paragraph -->\n<p>Block</p>\n"
	"<!-- /wp:paragraph -->]]></content:encoded>"
	"<wp:post_id>1</wp:post_id><wp:post_date_gmt>0000-00-00 00:00:00"
	"</wp:post_date_gmt><wp:post_date>2021-05-06 07:08:09</wp:post_date>"
	"<wp:post_name>bobs-post</wp:post_name><wp:status>publish"
	"</wp:status><wp:post_type>post</wp:post_type></item>\n"
	TAIL;

static void
write_file(const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static long long
count(const char *sql)
{
	sqlite3_stmt	*st;
	long long	 n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static char *
text(const char *sql)
{
	static char	 out[1024];
	sqlite3_stmt	*st;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		return out;
	}
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static enum folio_err
import(const char *wxr, const char *primary, struct wxr_report *rep)
{
	struct wxr_options	 opt = { primary };

	write_file(wxr);
	return wxr_import(db, path, &opt, rep);
}

static void
fresh_db(void)
{
	if (db != NULL)
		db_close(db);
	if ((db = db_open(":memory:", DB_CREATE)) == NULL ||
	    db_migrate(db, "../../schema.sql") != FOLIO_OK) {
		fprintf(stderr, "cannot make the test database\n");
		exit(1);
	}
}

static void
test_import_site(void)
{
	struct wxr_report	 rep;

	fresh_db();
	CHECK_INT_EQ(import(site_wxr, "main", &rep), FOLIO_OK);
	CHECK_STR_EQ(rep.version, "1.0");
	CHECK_STR_EQ(rep.source, "https://old.example");
	/* A new site takes the old one's name. */
	CHECK_STR_EQ(text("SELECT title FROM site"), "Old Blog");
	CHECK_INT_EQ(rep.users_new, 1);
	CHECK_INT_EQ(count("SELECT count(*) FROM user WHERE slug = 'jane' "
	    "AND display_name = 'Jane Roe'"), 1);
	CHECK_INT_EQ(rep.skipped_comments, 1);
	CHECK_INT_EQ(rep.skipped_types, 1);
	CHECK_STR_EQ(rep.types, "wp_block: 1");
	CHECK_INT_EQ(rep.skipped_status, 1);	/* the auto-draft */
	CHECK_INT_EQ(rep.posts_new, 9);
	CHECK_INT_EQ(rep.pages_new, 3);
	CHECK_INT_EQ(rep.attachments_new, 1);
	CHECK_INT_EQ(rep.skipped_nav, 1);	/* the javascript: link */
	CHECK_INT_EQ(rep.nav_new, 6);
	CHECK_STR_EQ(rep.menus, "main, footer");
	CHECK(rep.primary_found);
	CHECK_INT_EQ(rep.tags_undeclared, 1);
}

static void
test_categories_and_tags(void)
{
	CHECK_INT_EQ(count("SELECT count(*) FROM category c JOIN category p "
	    "ON p.id = c.parent_id WHERE c.slug = 'events' AND "
	    "p.slug = 'news' AND c.name = 'Events & Fairs'"), 1);
	CHECK_STR_EQ(text("SELECT slug FROM category WHERE name = 'Été'"),
	    "t");
	CHECK_STR_EQ(text("SELECT new_path FROM redirect WHERE old_path = "
	    "'/category/été/'"), "/category/t/");
	CHECK_INT_EQ(count("SELECT count(*) FROM post_category pc JOIN post p "
	    "ON p.id = pc.post_id WHERE p.slug = 'hello-world'"), 2);
	CHECK_INT_EQ(count("SELECT count(*) FROM post_tag pt JOIN tag t "
	    "ON t.id = pt.tag_id WHERE t.slug IN ('fun', 'new-tag')"), 2);
}

static void
test_posts(void)
{
	CHECK_STR_EQ(text("SELECT title FROM post WHERE slug = "
	    "'hello-world'"), "Hello World");
	CHECK_STR_EQ(text("SELECT body_html FROM post WHERE slug = "
	    "'hello-world'"), "<p>Para one.</p>\n<p>Para two</p>\n");
	CHECK_STR_EQ(text("SELECT excerpt FROM post WHERE slug = "
	    "'hello-world'"), "Short one");
	CHECK_INT_EQ(count("SELECT sticky FROM post WHERE slug = "
	    "'hello-world'"), 1);
	/* 2020-02-03 04:05:06 UTC */
	CHECK_INT_EQ(count("SELECT published_at FROM post WHERE slug = "
	    "'hello-world'"), 1580702706);
	CHECK_STR_EQ(text("SELECT status FROM post WHERE slug = 'cafe-news'"),
	    "");
	CHECK_STR_EQ(text("SELECT status FROM post WHERE slug = 'caf-news'"),
	    "draft");
	CHECK_STR_EQ(text("SELECT status FROM post WHERE slug = 'later'"),
	    "published");
	CHECK_STR_EQ(text("SELECT status FROM post WHERE slug = 'secret'"),
	    "private");
	CHECK_STR_EQ(text("SELECT status FROM post WHERE slug = "
	    "'review-me'"), "pending");
	CHECK_STR_EQ(text("SELECT status FROM post WHERE slug = 'locked'"),
	    "private");
	CHECK_STR_EQ(text("SELECT title FROM post WHERE slug = 'post-16'"),
	    "(no title)");
	CHECK_STR_EQ(text("SELECT title FROM post WHERE slug = "
	    "'hello-world-2'"), "Same slug");
	/* The old /hello-world/ goes to the first post, by id. */
	CHECK_INT_EQ(count("SELECT count(*) FROM redirect r JOIN post p "
	    "ON p.id = r.post_id WHERE r.old_path = '/hello-world/' AND "
	    "p.title = 'Hello World'"), 1);
	CHECK_INT_EQ(count("SELECT count(*) FROM redirect WHERE old_path = "
	    "'/café-news/'"), 1);
	CHECK_INT_EQ(count("SELECT count(*) FROM post WHERE body_html "
	    "LIKE '%script%'"), 0);
	/* A gallery shows the attachment declared after it. */
	CHECK_STR_EQ(text("SELECT body_html FROM post WHERE slug = "
	    "'pictures'"), "<ul class=\"gallery\"><li><a href=\"https://"
	    "old.example/pic.jpg\"><img src=\"https://old.example/pic.jpg\" "
	    "alt=\"A picture\"></a></li></ul>");
	CHECK_INT_EQ(count("SELECT count(*) FROM post WHERE body_md "
	    "IS NOT NULL"), 0);
	/* The importer stores the text to index, as the view makes it. */
	CHECK_INT_EQ(count("SELECT count(*) FROM post WHERE body_text IS NOT "
	    "(SELECT body FROM post_text t WHERE t.id = post.id)"), 0);
	CHECK_INT_EQ(count("SELECT count(*) FROM page WHERE body_text IS NOT "
	    "(SELECT body FROM page_text t WHERE t.id = page.id)"), 0);
}

static void
test_pages_and_attachments(void)
{
	CHECK_INT_EQ(count("SELECT count(*) FROM page c JOIN page p ON "
	    "p.id = c.parent_id WHERE c.slug = 'team' AND p.slug = 'about'"),
	    1);
	/* "2022" at the top would hide the year archive. */
	CHECK_STR_EQ(text("SELECT slug FROM page WHERE title = 'Year'"),
	    "year");
	CHECK_STR_EQ(text("SELECT new_path FROM redirect WHERE old_path = "
	    "'/2022/'"), "/year/");
	CHECK_INT_EQ(count("SELECT count(*) FROM attachment a JOIN post p "
	    "ON p.id = a.post_id WHERE a.url = 'https://old.example/pic.jpg' "
	    "AND p.slug = 'hello-world'"), 1);
}

static void
test_menus(void)
{
	CHECK_INT_EQ(count("SELECT count(*) FROM menu_item WHERE menu = "
	    "'primary'"), 5);
	CHECK_INT_EQ(count("SELECT count(*) FROM menu_item WHERE menu = "
	    "'footer'"), 1);
	/* Labels come from the targets when WordPress left them empty. */
	CHECK_INT_EQ(count("SELECT count(*) FROM menu_item c JOIN menu_item p "
	    "ON p.id = c.parent_id WHERE c.label = 'Team' AND "
	    "p.label = 'About' AND c.target = 'page'"), 1);
	CHECK_INT_EQ(count("SELECT count(*) FROM menu_item c JOIN menu_item p "
	    "ON p.id = c.parent_id WHERE c.label = 'A post' AND "
	    "p.label = 'Cats' AND p.target = 'category'"), 1);
	CHECK_INT_EQ(count("SELECT count(*) FROM menu_item WHERE url = "
	    "'https://elsewhere.example/'"), 1);
	CHECK_INT_EQ(count("SELECT count(*) FROM menu_item WHERE url LIKE "
	    "'javascript%'"), 0);
}

static void
test_second_import_changes_nothing(void)
{
	struct wxr_report	 rep;
	long long		 gen = db_generation(db);
	long long		 rows = count("SELECT (SELECT count(*) FROM "
				    "post) + (SELECT count(*) FROM page) + "
				    "(SELECT count(*) FROM menu_item) + "
				    "(SELECT count(*) FROM redirect)");

	CHECK_INT_EQ(import(site_wxr, "main", &rep), FOLIO_OK);
	CHECK_INT_EQ(db_generation(db), gen);
	CHECK_INT_EQ(rep.posts_new + rep.pages_new + rep.nav_new +
	    rep.redirects_new + rep.users_new + rep.cats_new, 0);
	CHECK(rep.already > 0);
	CHECK_INT_EQ(count("SELECT (SELECT count(*) FROM post) + (SELECT "
	    "count(*) FROM page) + (SELECT count(*) FROM menu_item) + (SELECT "
	    "count(*) FROM redirect)"), rows);
}

static void
test_https_namespace_and_undeclared_author(void)
{
	struct wxr_report	 rep;

	fresh_db();
	sqlite3_exec(db, "UPDATE site SET title = 'Mine'", NULL, NULL, NULL);
	CHECK_INT_EQ(import(https_wxr, "main", &rep), FOLIO_OK);
	CHECK(!rep.primary_found);
	CHECK_STR_EQ(text("SELECT title FROM site"), "Mine");
	CHECK_STR_EQ(rep.version, "1.2");
	CHECK_INT_EQ(rep.users_undeclared, 1);
	CHECK_STR_EQ(text("SELECT u.slug || ' ' || u.display_name FROM post p "
	    "JOIN user u ON u.id = p.author_id"), "bob Bob>");
	/* No GMT date: the local one. Block content: no autop. */
	CHECK_INT_EQ(count("SELECT published_at FROM post"), 1620284889);
	CHECK_STR_EQ(text("SELECT body_html FROM post"), "<p>Block</p>\n");
}

/* Nobody declared, nobody named: one made-up author, only if needed. */
static void
test_no_authors(void)
{
	struct wxr_report	 rep;

	fresh_db();
	CHECK_INT_EQ(import(HEAD(NS12) "<wp:wxr_version>1.2</wp:wxr_version>"
	    TAIL, NULL, &rep), FOLIO_OK);
	CHECK_INT_EQ(count("SELECT count(*) FROM user"), 0);
	CHECK_INT_EQ(import(HEAD(NS12) "<item><title>Alone</title>"
	    "<wp:post_id>5</wp:post_id><wp:post_name>alone</wp:post_name>"
	    "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
	    "</item>" TAIL, NULL, &rep), FOLIO_OK);
	CHECK_STR_EQ(text("SELECT u.slug FROM post p JOIN user u "
	    "ON u.id = p.author_id WHERE p.slug = 'alone'"), "wordpress");
}

/* A refused file leaves the database exactly as it was. */
static void
check_refused(const char *wxr, const char *want)
{
	struct wxr_report	 rep;
	long long		 gen = db_generation(db);
	long long		 posts = count("SELECT count(*) FROM post");

	CHECK_INT_EQ(import(wxr, NULL, &rep), FOLIO_ERR_INPUT);
	if (strstr(rep.error, want) == NULL) {
		fprintf(stderr, "error \"%s\" lacks \"%s\"\n", rep.error, want);
		CHECK(0);
	}
	CHECK_INT_EQ(db_generation(db), gen);
	CHECK_INT_EQ(count("SELECT count(*) FROM post"), posts);
	CHECK_INT_EQ(count("SELECT count(*) FROM temp.sqlite_master"), 0);
}

static void
test_refused(void)
{
	fresh_db();
	CHECK_INT_EQ(import(https_wxr, NULL, &(struct wxr_report){ 0 }),
	    FOLIO_OK);
	/* Items before the error were staged: none may arrive. */
	check_refused(HEAD(NS12)
	    ITEM("post", 7, "Fine", "fine", "publish", 0, "")
	    "<item><title>Broken</title>\n"
	    "<wp:post_id>8</wp:post_id>\n"
	    "</channel>\n</rss>\n", ":10: malformed XML");
	check_refused("<?xml version=\"1.0\"?>\n<rss><channel><title>x"
	    "</title></channel></rss>\n", "not a WordPress export");
	check_refused("<?xml version=\"1.0\"?>\n<feed/>\n",
	    "not a WordPress export");
	check_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "<!ENTITY a \"aaaaaaaaaa\">]>\n<rss/>\n", "document type");
	check_refused("", "malformed XML");
	check_refused(HEAD(NS12) "<wp:wxr_version>2.0</wp:wxr_version>" TAIL,
	    "not supported");
	CHECK_INT_EQ(count("SELECT count(*) FROM post WHERE slug = 'fine'"),
	    0);
}

static void
test_missing_file(void)
{
	struct wxr_options	 opt = { NULL };
	struct wxr_report	 rep;

	CHECK_INT_EQ(wxr_import(db, "/nonexistent/x.xml", &opt, &rep),
	    FOLIO_ERR_IO);
	CHECK(strstr(rep.error, "/nonexistent/x.xml") != NULL);
}

int
main(void)
{
	int	 fd;

	log_init("test_wxr");
	snprintf(path, sizeof(path), "/tmp/test_wxr.XXXXXX");
	if ((fd = mkstemp(path)) < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	RUN(test_import_site);
	RUN(test_categories_and_tags);
	RUN(test_posts);
	RUN(test_pages_and_attachments);
	RUN(test_menus);
	RUN(test_second_import_changes_nothing);
	RUN(test_https_namespace_and_undeclared_author);
	RUN(test_no_authors);
	RUN(test_refused);
	RUN(test_missing_file);
	unlink(path);
	db_close(db);
	xmlCleanupParser();
	HARNESS_EXIT();
}
