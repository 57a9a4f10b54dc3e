-- schema.sql -- Folio's whole database schema.
--
-- Each "-- migration N" section moves a database from user_version N-1 to N;
-- `folio init` runs the sections a database has not seen yet, each in one
-- transaction, and sets PRAGMA user_version = N after it. Sections are only
-- ever appended: an edited old section would never reach existing sites.
--
-- Times are unix seconds, UTC; the site's time zone only affects display.
-- Slugs are lowercase URL parts, [a-z0-9-], checked here and in the writer.

-- migration 1
CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE
			CHECK (length(slug) BETWEEN 1 AND 64
			    AND slug NOT GLOB '*[^a-z0-9-]*'),
	display_name	TEXT NOT NULL CHECK (length(display_name) > 0),
	email		TEXT NOT NULL DEFAULT '',
	bio		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL
);

CREATE TABLE category (
	id		INTEGER PRIMARY KEY,
	parent_id	INTEGER REFERENCES category(id) ON DELETE RESTRICT,
	slug		TEXT NOT NULL UNIQUE	-- unique site-wide, as in WordPress
			CHECK (length(slug) BETWEEN 1 AND 200
			    AND slug NOT GLOB '*[^a-z0-9-]*'),
	name		TEXT NOT NULL CHECK (length(name) > 0),
	description	TEXT NOT NULL DEFAULT '',
	CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX category_parent ON category(parent_id, name);

-- status: draft, pending (awaiting review), private (never public),
-- published (public once published_at has passed: scheduling needs no
-- cron), trash (deleted, restorable).
CREATE TABLE post (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE
			CHECK (length(slug) BETWEEN 1 AND 200
			    AND slug NOT GLOB '*[^a-z0-9-]*'),
	title		TEXT NOT NULL,
	body_md		TEXT,			-- author's Markdown; NULL if imported HTML
	body_html	TEXT NOT NULL DEFAULT '',	-- cleaned at save time
	excerpt		TEXT NOT NULL DEFAULT '',	-- plain text
	status		TEXT NOT NULL DEFAULT 'draft'
			CHECK (status IN ('draft', 'pending', 'private',
			    'published', 'trash')),
	author_id	INTEGER NOT NULL REFERENCES user(id) ON DELETE RESTRICT,
	published_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	sticky		INTEGER NOT NULL DEFAULT 0 CHECK (sticky IN (0, 1))
);
-- Home, archives and previous/next walk this one; author pages the next.
CREATE INDEX post_public ON post(status, published_at, id);
CREATE INDEX post_author ON post(author_id, status, published_at, id);

CREATE TABLE post_category (
	post_id		INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
	category_id	INTEGER NOT NULL REFERENCES category(id)
			ON DELETE CASCADE,
	PRIMARY KEY (post_id, category_id)
) WITHOUT ROWID;
CREATE INDEX post_category_by_category ON post_category(category_id, post_id);

-- Pages live at their hierarchical path: /parent/child/. A slug is unique
-- among its siblings; the path is resolved one segment at a time.
CREATE TABLE page (
	id		INTEGER PRIMARY KEY,
	parent_id	INTEGER REFERENCES page(id) ON DELETE RESTRICT,
	slug		TEXT NOT NULL
			CHECK (length(slug) BETWEEN 1 AND 200
			    AND slug NOT GLOB '*[^a-z0-9-]*'),
	title		TEXT NOT NULL,
	body_md		TEXT,
	body_html	TEXT NOT NULL DEFAULT '',
	excerpt		TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'draft'
			CHECK (status IN ('draft', 'pending', 'private',
			    'published', 'trash')),
	position	INTEGER NOT NULL DEFAULT 0,
	author_id	INTEGER NOT NULL REFERENCES user(id) ON DELETE RESTRICT,
	published_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX page_path ON page(coalesce(parent_id, 0), slug);
CREATE INDEX page_children ON page(parent_id, position);

-- The navigation menu: a tree of items, each pointing at exactly one
-- target. "menu" keeps several menus apart (primary, footer, ...).
CREATE TABLE nav_item (
	id		INTEGER PRIMARY KEY,
	menu		TEXT NOT NULL DEFAULT 'primary',
	parent_id	INTEGER REFERENCES nav_item(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL DEFAULT 0,
	label		TEXT NOT NULL CHECK (length(label) > 0),
	target		TEXT NOT NULL
			CHECK (target IN ('page', 'category', 'post', 'url')),
	page_id		INTEGER REFERENCES page(id) ON DELETE CASCADE,
	category_id	INTEGER REFERENCES category(id) ON DELETE CASCADE,
	post_id		INTEGER REFERENCES post(id) ON DELETE CASCADE,
	url		TEXT,
	CHECK ((target = 'page') = (page_id IS NOT NULL)),
	CHECK ((target = 'category') = (category_id IS NOT NULL)),
	CHECK ((target = 'post') = (post_id IS NOT NULL)),
	CHECK ((target = 'url') = (url IS NOT NULL))
);
CREATE INDEX nav_item_tree ON nav_item(menu, parent_id, position);

-- Site settings: exactly one row.
CREATE TABLE site (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	title		TEXT NOT NULL DEFAULT 'Folio',
	tagline		TEXT NOT NULL DEFAULT '',
	mission		TEXT NOT NULL DEFAULT '',
	vision		TEXT NOT NULL DEFAULT '',
	contact_email	TEXT NOT NULL DEFAULT '',
	copyright_holder TEXT NOT NULL DEFAULT '',
	posts_per_page	INTEGER NOT NULL DEFAULT 10
			CHECK (posts_per_page BETWEEN 1 AND 100),
	timezone	TEXT NOT NULL DEFAULT 'UTC',	-- IANA name
	base_url	TEXT NOT NULL DEFAULT ''	-- for absolute links
);
INSERT INTO site (id) VALUES (1);

CREATE TABLE footer_link (
	id		INTEGER PRIMARY KEY,
	position	INTEGER NOT NULL DEFAULT 0,
	label		TEXT NOT NULL CHECK (length(label) > 0),
	url		TEXT NOT NULL CHECK (length(url) > 0)
);
CREATE INDEX footer_link_order ON footer_link(position);

-- One number that every content change moves: workers compare it to drop
-- cached menus and pages, and it feeds validators. Triggers keep it, so
-- no writer can forget.
CREATE TABLE generation (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	n		INTEGER NOT NULL
);
INSERT INTO generation (id, n) VALUES (1, 1);
CREATE TRIGGER user_insert_gen AFTER INSERT ON user
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER user_update_gen AFTER UPDATE ON user
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER user_delete_gen AFTER DELETE ON user
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER category_insert_gen AFTER INSERT ON category
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER category_update_gen AFTER UPDATE ON category
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER category_delete_gen AFTER DELETE ON category
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_insert_gen AFTER INSERT ON post
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_update_gen AFTER UPDATE ON post
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_delete_gen AFTER DELETE ON post
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_category_insert_gen AFTER INSERT ON post_category
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_category_update_gen AFTER UPDATE ON post_category
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_category_delete_gen AFTER DELETE ON post_category
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_insert_gen AFTER INSERT ON page
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_update_gen AFTER UPDATE ON page
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_delete_gen AFTER DELETE ON page
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER nav_item_insert_gen AFTER INSERT ON nav_item
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER nav_item_update_gen AFTER UPDATE ON nav_item
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER nav_item_delete_gen AFTER DELETE ON nav_item
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER site_insert_gen AFTER INSERT ON site
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER site_update_gen AFTER UPDATE ON site
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER site_delete_gen AFTER DELETE ON site
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER footer_link_insert_gen AFTER INSERT ON footer_link
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER footer_link_update_gen AFTER UPDATE ON footer_link
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER footer_link_delete_gen AFTER DELETE ON footer_link
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

-- migration 2
-- The admin handler: accounts, sessions, login throttling, revisions.
-- A user without a password_hash (an imported author) cannot log in.
-- role: author (own posts), editor (all content), admin (also users,
-- menu, settings).
ALTER TABLE user ADD COLUMN password_hash TEXT;
ALTER TABLE user ADD COLUMN role TEXT NOT NULL DEFAULT 'author'
	CHECK (role IN ('author', 'editor', 'admin'));

-- Only a hash of the session token is kept: a stolen database holds no
-- usable cookie. csrf is the per-session token every POST must carry.
CREATE TABLE session (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,	-- absolute expiry counts from here
	last_seen	INTEGER NOT NULL	-- idle expiry counts from here
);
CREATE INDEX session_user ON session(user_id);

-- Failed logins, for throttling per account and per client address.
CREATE TABLE login_failure (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL,
	address		TEXT NOT NULL,
	at		INTEGER NOT NULL
);
CREATE INDEX login_failure_user ON login_failure(username, at);
CREATE INDEX login_failure_address ON login_failure(address, at);

-- Every save of a post keeps its previous state here (not public: no
-- generation triggers). categories: comma-separated category ids.
CREATE TABLE post_revision (
	id		INTEGER PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
	saved_at	INTEGER NOT NULL,
	user_id		INTEGER REFERENCES user(id) ON DELETE SET NULL,
	title		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	body_md		TEXT,
	body_html	TEXT NOT NULL,
	excerpt		TEXT NOT NULL,
	status		TEXT NOT NULL,
	published_at	INTEGER NOT NULL,
	categories	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX post_revision_post ON post_revision(post_id, id);

-- migration 3
-- Search: an FTS5 index of each published post's title and text. The
-- text is body_html without its tags, made here in SQL (view post_text),
-- so every writer -- the admin handler, an import, the sqlite3 shell --
-- keeps the index right through the triggers below without any help, and
-- the read-only public handler never writes. `folio reindex` rebuilds it
-- from the same view. Inline tags (a, em, ...) vanish; any other tag
-- becomes a space, so "<p>one</p><p>two</p>" does not index "onetwo".
-- The common entities are decoded, &amp; last so "&amp;lt;" stays "&lt;".
CREATE VIEW post_text_tagless AS
SELECT p.id, p.title, (SELECT group_concat(piece, '') FROM (
	WITH RECURSIVE s(piece, rest) AS (
		SELECT '', p.body_html
		UNION ALL
		SELECT CASE
			WHEN substr(rest, 1, 1) <> '<' THEN
				CASE WHEN instr(rest, '<') = 0 THEN rest
				ELSE substr(rest, 1, instr(rest, '<') - 1) END
			WHEN instr(rest, '>') = 0 THEN ''
			ELSE (SELECT CASE WHEN instr(' a abbr b bdi bdo cite '
			    || 'code data dfn em i kbd mark q s samp small '
			    || 'span strong sub sup time u var wbr ', ' ' ||
			    substr(t, 1, min(instr(t, '>'), instr(t, ' '),
			    instr(t, '/'), instr(t, char(9)),
			    instr(t, char(10))) - 1) || ' ') > 0
			    THEN '' ELSE ' ' END
			    FROM (SELECT lower(ltrim(substr(rest, 2, 12), '/'))
			    || '> /' || char(9, 10) AS t))
			END,
		CASE
			WHEN substr(rest, 1, 1) <> '<' THEN
				CASE WHEN instr(rest, '<') = 0 THEN ''
				ELSE substr(rest, instr(rest, '<')) END
			WHEN instr(rest, '>') = 0 THEN ''
			ELSE substr(rest, instr(rest, '>') + 1) END
		FROM s WHERE rest <> ''
	) SELECT piece FROM s)) AS body
FROM post p;
CREATE VIEW post_text AS
SELECT id, title, replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(body,
    '&nbsp;', ' '), '&#160;', ' '), '&lt;', '<'), '&gt;', '>'),
    '&quot;', '"'), '&#39;', ''''), '&#039;', ''''), '&rsquo;', '’'),
    '&lsquo;', '‘'), '&ldquo;', '“'), '&rdquo;', '”'), '&amp;', '&')
    AS body
FROM post_text_tagless;

-- rowid is post.id. Only published posts are indexed; whether one is
-- visible yet (published_at) is decided when searching.
CREATE VIRTUAL TABLE post_fts USING fts5(title, body,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER post_fts_insert AFTER INSERT ON post
    WHEN new.status = 'published' BEGIN
	INSERT INTO post_fts (rowid, title, body)
	    SELECT id, title, body FROM post_text WHERE id = new.id;
END;
CREATE TRIGGER post_fts_update AFTER UPDATE OF id, title, body_html, status
    ON post BEGIN
	DELETE FROM post_fts WHERE rowid = old.id;
	INSERT INTO post_fts (rowid, title, body)
	    SELECT id, title, body FROM post_text
	    WHERE id = new.id AND new.status = 'published';
END;
CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
	DELETE FROM post_fts WHERE rowid = old.id;
END;
INSERT INTO post_fts (rowid, title, body)
    SELECT id, title, body FROM post_text
    WHERE id IN (SELECT id FROM post WHERE status = 'published');

-- HTTP caching: how long browsers, nginx and CDNs may reuse a page
-- without asking (Cache-Control max-age, seconds), and when the content
-- last changed (Last-Modified), kept by a trigger like n itself.
ALTER TABLE site ADD COLUMN cache_max_age INTEGER NOT NULL DEFAULT 60
    CHECK (cache_max_age BETWEEN 0 AND 31536000);
ALTER TABLE generation ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
UPDATE generation SET changed_at = CAST(strftime('%s', 'now') AS INTEGER);
CREATE TRIGGER generation_changed_at AFTER UPDATE OF n ON generation BEGIN
	UPDATE generation SET changed_at = CAST(strftime('%s', 'now') AS INTEGER)
	    WHERE id = 1;
END;

-- migration 4
-- Tags, attachments, redirects and the import bookkeeping that `folio
-- import-wxr` needs.
CREATE TABLE tag (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE
			CHECK (length(slug) BETWEEN 1 AND 200
			    AND slug NOT GLOB '*[^a-z0-9-]*'),
	name		TEXT NOT NULL CHECK (length(name) > 0),
	description	TEXT NOT NULL DEFAULT ''
);

CREATE TABLE post_tag (
	post_id		INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
	tag_id		INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
	PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX post_tag_by_tag ON post_tag(tag_id, post_id);

-- Media known by its original URL; the files themselves stay where they
-- were. Attached to at most one post or page.
CREATE TABLE attachment (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL DEFAULT '',
	url		TEXT NOT NULL CHECK (length(url) > 0),
	post_id		INTEGER REFERENCES post(id) ON DELETE SET NULL,
	page_id		INTEGER REFERENCES page(id) ON DELETE SET NULL,
	uploaded_at	INTEGER NOT NULL,
	CHECK (post_id IS NULL OR page_id IS NULL)
);
CREATE INDEX attachment_post ON attachment(post_id);
CREATE INDEX attachment_page ON attachment(page_id);

-- Old URLs (decoded paths, as the handler sees them) that answer 301
-- when no route matches. A post's target is its id, so its permalink is
-- made at request time in the site's time zone; other targets are paths.
CREATE TABLE redirect (
	old_path	TEXT PRIMARY KEY
			CHECK (length(old_path) BETWEEN 1 AND 1024
			    AND substr(old_path, 1, 1) = '/'),
	new_path	TEXT CHECK (new_path IS NULL
			    OR substr(new_path, 1, 1) = '/'),
	post_id		INTEGER REFERENCES post(id) ON DELETE CASCADE,
	CHECK ((new_path IS NULL) <> (post_id IS NULL))
);

-- Which row an imported item became: "source" names the site exported
-- from, "kind" the table (a menu item's kind also names its menu, since
-- WordPress reuses item ids across menus). Importing the same file again
-- finds every item here and writes nothing.
CREATE TABLE import_map (
	source		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	wp_id		INTEGER NOT NULL,
	local_id	INTEGER NOT NULL,
	PRIMARY KEY (source, kind, wp_id)
) WITHOUT ROWID;

CREATE TRIGGER tag_insert_gen AFTER INSERT ON tag
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER tag_update_gen AFTER UPDATE ON tag
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER tag_delete_gen AFTER DELETE ON tag
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_tag_insert_gen AFTER INSERT ON post_tag
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_tag_update_gen AFTER UPDATE ON post_tag
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER post_tag_delete_gen AFTER DELETE ON post_tag
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER attachment_insert_gen AFTER INSERT ON attachment
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER attachment_update_gen AFTER UPDATE ON attachment
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER attachment_delete_gen AFTER DELETE ON attachment
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER redirect_insert_gen AFTER INSERT ON redirect
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER redirect_update_gen AFTER UPDATE ON redirect
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER redirect_delete_gen AFTER DELETE ON redirect
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

-- migration 5
-- Indexing must be cheap for every writer. Stripping the tags in SQL
-- (post_text_tagless, a recursive query per body) made generating a
-- 100,000-post site five to eight times slower, so Folio's writers --
-- the admin handler, the importer, `folio demo` -- now also store the
-- text to index in body_text, made in C by search_text() exactly as the
-- view post_text makes it. The triggers index body_text when a writer
-- filled it and strip body_html in SQL only when it is NULL: another
-- writer (the sqlite3 shell, an older Folio) still needs no help, and
-- posts from before this migration keep the index they have. A writer
-- that changes body_html but not body_text would leave the old text to
-- be indexed; post_text_stale sets body_text to NULL then, and that
-- update indexes the new text through post_fts_update. Its WHEN clause
-- repeats the test so that the order the triggers fire in does not
-- matter. post_search_text is the text the index holds; the triggers
-- and `folio reindex` read it.
ALTER TABLE post ADD COLUMN body_text TEXT;	-- plain text; NULL: not made

-- coalesce() evaluates the subquery only when body_text is NULL.
CREATE VIEW post_search_text AS
SELECT p.id, p.title, coalesce(p.body_text,
    (SELECT t.body FROM post_text t WHERE t.id = p.id)) AS body
FROM post p;

DROP TRIGGER post_fts_insert;
DROP TRIGGER post_fts_update;
CREATE TRIGGER post_text_stale AFTER UPDATE OF body_html ON post
    WHEN new.body_html IS NOT old.body_html
    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL BEGIN
	UPDATE post SET body_text = NULL WHERE id = new.id;
END;
CREATE TRIGGER post_fts_insert AFTER INSERT ON post
    WHEN new.status = 'published' BEGIN
	INSERT INTO post_fts (rowid, title, body)
	    SELECT id, title, body FROM post_search_text WHERE id = new.id;
END;
-- When body_text is stale, post_text_stale's update does the work.
CREATE TRIGGER post_fts_update AFTER UPDATE OF id, title, body_html,
    body_text, status ON post
    WHEN new.id IS NOT old.id OR NOT (new.body_html IS NOT old.body_html
    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL) BEGIN
	DELETE FROM post_fts WHERE rowid = old.id;
	INSERT INTO post_fts (rowid, title, body)
	    SELECT id, title, body FROM post_search_text
	    WHERE id = new.id AND new.status = 'published'
	    AND NOT (new.body_html IS NOT old.body_html
	    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL);
END;

-- migration 6
-- post_text_stale (migration 5) set body_text to NULL whenever body_html
-- changed and body_text did not: also when an editor only changed the
-- markup (emphasis, a link) and the words stayed. The admin handler
-- stores the same text again then, so every such edit dropped the
-- writer's text for good and the post went back to the slow SQL strip.
-- Now body_text is stale only when it also differs from what the view
-- post_text makes of the new body_html: for Folio's writers the two are
-- equal (search_text() matches the view exactly), for another writer
-- whose new markup has the same words the stored text is still right,
-- and for one that changed the words it is not and is dropped. The
-- view runs only when body_html changed and body_text did not.
-- post_fts_update repeats the same test (reindexing when the post is
-- not stale, so a title changed in the same UPDATE is indexed, and
-- leaving a stale post to post_text_stale's update).
DROP TRIGGER post_text_stale;
DROP TRIGGER post_fts_update;
CREATE TRIGGER post_text_stale AFTER UPDATE OF body_html ON post
    WHEN new.body_html IS NOT old.body_html
    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL
    AND new.body_text IS NOT (SELECT t.body FROM post_text t
    WHERE t.id = new.id) BEGIN
	UPDATE post SET body_text = NULL WHERE id = new.id;
END;
CREATE TRIGGER post_fts_update AFTER UPDATE OF id, title, body_html,
    body_text, status ON post
    WHEN new.id IS NOT old.id OR NOT (new.body_html IS NOT old.body_html
    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL
    AND new.body_text IS NOT (SELECT t.body FROM post_text t
    WHERE t.id = new.id)) BEGIN
	DELETE FROM post_fts WHERE rowid = old.id;
	INSERT INTO post_fts (rowid, title, body)
	    SELECT id, title, body FROM post_search_text
	    WHERE id = new.id AND new.status = 'published'
	    AND NOT (new.body_html IS NOT old.body_html
	    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL
	    AND new.body_text IS NOT (SELECT t.body FROM post_text t
	    WHERE t.id = new.id));
END;

-- migration 7
-- Search finds pages too (About, Contact, ...): page_fts indexes each
-- published page's title and text, as post_fts does for posts, kept by
-- the same kind of triggers and rebuilt by `folio reindex`. Folio's
-- writers store a page's text in page.body_text (search_text()), and
-- another writer gets it from the SQL strip, as for posts. Which pages
-- a visitor may see (the page and every ancestor published) is decided
-- when searching: the index holds every published page.
--
-- The SQL strip is shared rather than copied: content_text_tagless is
-- the post_text_tagless of migration 3 over posts and pages together (kind
-- 'post' or 'page'), content_text decodes the entities as post_text did,
-- and post_text and page_text are that view for one kind. SQLite pushes
-- "kind = ? AND id = ?" into each arm of the UNION ALL, so the text of
-- one row is still one lookup and one strip.
ALTER TABLE page ADD COLUMN body_text TEXT;	-- plain text; NULL: not made

DROP VIEW post_search_text;
DROP VIEW post_text;
DROP VIEW post_text_tagless;
CREATE VIEW content_text_tagless AS
SELECT d.kind, d.id, d.title, (SELECT group_concat(piece, '') FROM (
	WITH RECURSIVE s(piece, rest) AS (
		SELECT '', d.body_html
		UNION ALL
		SELECT CASE
			WHEN substr(rest, 1, 1) <> '<' THEN
				CASE WHEN instr(rest, '<') = 0 THEN rest
				ELSE substr(rest, 1, instr(rest, '<') - 1) END
			WHEN instr(rest, '>') = 0 THEN ''
			ELSE (SELECT CASE WHEN instr(' a abbr b bdi bdo cite '
			    || 'code data dfn em i kbd mark q s samp small '
			    || 'span strong sub sup time u var wbr ', ' ' ||
			    substr(t, 1, min(instr(t, '>'), instr(t, ' '),
			    instr(t, '/'), instr(t, char(9)),
			    instr(t, char(10))) - 1) || ' ') > 0
			    THEN '' ELSE ' ' END
			    FROM (SELECT lower(ltrim(substr(rest, 2, 12), '/'))
			    || '> /' || char(9, 10) AS t))
			END,
		CASE
			WHEN substr(rest, 1, 1) <> '<' THEN
				CASE WHEN instr(rest, '<') = 0 THEN ''
				ELSE substr(rest, instr(rest, '<')) END
			WHEN instr(rest, '>') = 0 THEN ''
			ELSE substr(rest, instr(rest, '>') + 1) END
		FROM s WHERE rest <> ''
	) SELECT piece FROM s)) AS body
FROM (SELECT 'post' AS kind, id, title, body_html FROM post
    UNION ALL SELECT 'page', id, title, body_html FROM page) d;
CREATE VIEW content_text AS
SELECT kind, id, title, replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(body,
    '&nbsp;', ' '), '&#160;', ' '), '&lt;', '<'), '&gt;', '>'),
    '&quot;', '"'), '&#39;', ''''), '&#039;', ''''), '&rsquo;', '’'),
    '&lsquo;', '‘'), '&ldquo;', '“'), '&rdquo;', '”'), '&amp;', '&')
    AS body
FROM content_text_tagless;
CREATE VIEW post_text AS
SELECT id, title, body FROM content_text WHERE kind = 'post';
CREATE VIEW page_text AS
SELECT id, title, body FROM content_text WHERE kind = 'page';
-- coalesce() evaluates the subquery only when body_text is NULL.
CREATE VIEW post_search_text AS
SELECT p.id, p.title, coalesce(p.body_text,
    (SELECT t.body FROM post_text t WHERE t.id = p.id)) AS body
FROM post p;
CREATE VIEW page_search_text AS
SELECT g.id, g.title, coalesce(g.body_text,
    (SELECT t.body FROM page_text t WHERE t.id = g.id)) AS body
FROM page g;

-- rowid is page.id. The triggers are post's (migrations 3, 5 and 6)
-- with page for post: body_text is dropped only when it is stale.
CREATE VIRTUAL TABLE page_fts USING fts5(title, body,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER page_text_stale AFTER UPDATE OF body_html ON page
    WHEN new.body_html IS NOT old.body_html
    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL
    AND new.body_text IS NOT (SELECT t.body FROM page_text t
    WHERE t.id = new.id) BEGIN
	UPDATE page SET body_text = NULL WHERE id = new.id;
END;
CREATE TRIGGER page_fts_insert AFTER INSERT ON page
    WHEN new.status = 'published' BEGIN
	INSERT INTO page_fts (rowid, title, body)
	    SELECT id, title, body FROM page_search_text WHERE id = new.id;
END;
CREATE TRIGGER page_fts_update AFTER UPDATE OF id, title, body_html,
    body_text, status ON page
    WHEN new.id IS NOT old.id OR NOT (new.body_html IS NOT old.body_html
    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL
    AND new.body_text IS NOT (SELECT t.body FROM page_text t
    WHERE t.id = new.id)) BEGIN
	DELETE FROM page_fts WHERE rowid = old.id;
	INSERT INTO page_fts (rowid, title, body)
	    SELECT id, title, body FROM page_search_text
	    WHERE id = new.id AND new.status = 'published'
	    AND NOT (new.body_html IS NOT old.body_html
	    AND new.body_text IS old.body_text AND new.body_text IS NOT NULL
	    AND new.body_text IS NOT (SELECT t.body FROM page_text t
	    WHERE t.id = new.id));
END;
CREATE TRIGGER page_fts_delete AFTER DELETE ON page BEGIN
	DELETE FROM page_fts WHERE rowid = old.id;
END;
INSERT INTO page_fts (rowid, title, body)
    SELECT id, title, body FROM page_search_text
    WHERE id IN (SELECT id FROM page WHERE status = 'published');

-- migration 8
-- The menu's items take the name the code, the admin and the templates
-- use: menu_item (it was nav_item, after WordPress's nav_menu_item).
-- SQLite rewrites the references to it (parent_id, the triggers); the
-- index and the triggers are renamed too.
ALTER TABLE nav_item RENAME TO menu_item;
DROP INDEX nav_item_tree;
CREATE INDEX menu_item_tree ON menu_item(menu, parent_id, position);
DROP TRIGGER nav_item_insert_gen;
DROP TRIGGER nav_item_update_gen;
DROP TRIGGER nav_item_delete_gen;
CREATE TRIGGER menu_item_insert_gen AFTER INSERT ON menu_item
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER menu_item_update_gen AFTER UPDATE ON menu_item
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER menu_item_delete_gen AFTER DELETE ON menu_item
	BEGIN UPDATE generation SET n = n + 1 WHERE id = 1; END;

-- migration 9
-- Password reset by e-mail (admin_reset.c). Only a hash of each token
-- mailed is kept, as for sessions; a token works once (used_at) and
-- within an hour of created_at. A user's rows in the last hour are the
-- per-account limit on reset mail; reset_request, one row per request
-- from a client address whatever name was typed, the per-address one.
-- Neither is public: no generation triggers.
CREATE TABLE password_reset (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	created_at	INTEGER NOT NULL,
	used_at		INTEGER
);
CREATE INDEX password_reset_user ON password_reset(user_id, created_at);
CREATE TABLE reset_request (
	id		INTEGER PRIMARY KEY,
	address		TEXT NOT NULL,
	at		INTEGER NOT NULL
);
CREATE INDEX reset_request_address ON reset_request(address, at);
