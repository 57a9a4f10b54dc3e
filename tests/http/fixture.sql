-- fixture.sql -- a small, fixed site for the HTTP tests: "Harbor Lantern",
-- the news of an invented harbor town. Loaded with the sqlite3 shell on
-- top of a database `folio init` made from schema.sql:
--
--	FOLIO_DB=x.db ./folio init && sqlite3 -bail x.db < fixture.sql
--
-- Times are unix seconds (UTC); the site's zone is America/New_York, so a
-- few posts fall on another day there than in UTC (see the notes). Ten
-- posts a page: 25 public posts make three pages (10, 10, 5).
--
-- Public posts, newest first (date as New York sees it, URL /Y/M/D/slug/):
--  25 2023-11-25 the-last-lobster-boat-of-the-year   marta  news, harbor-life
--  24 2023-09-16 boatyard-fire-drill                 marta  news
--  23 2023-07-22 harbor-seals-return                 osei   harbor-life
--  22 2023-06-10 kayak-club-open-house               marta  events
--  21 2023-04-29 ferry-timetable-changes             osei   news
--  20 2023-03-25 clam-bake-basics                    lin    recipes
--  19 2023-02-11 seawall-repairs-begin               marta  news
--  18 2022-12-31 new-years-eve-bell-ringing          osei   harbor-life
--       (2023-01-01 03:00 UTC: December 31 in New York, so no 2023/01)
--  17 2022-10-02 dredging-schedule-announced         marta  news
--  16 2022-08-13 regatta-day-recap                   marta  news, events
--  -- page 2 --
--  15 2022-06-21 cafe-nights-at-the-pier             osei   recipes, harbor-life
--  14 2022-05-08 nets-knots-and-fish-tales           lin    harbor-life
--  13 2022-03-24 harbor-council-budget               osei   news
--  12 2022-03-18 late-ferry-to-gull-island           marta  news, events
--       (2022-03-19 03:30 UTC: March 18 in New York)
--  11 2022-03-05 gull-census-results                 marta  harbor-life
--  10 2022-02-26 smoked-mackerel-at-home             osei   recipes
--   9 2022-01-15 new-pilings-for-pier-two            marta  news
--   8 2021-12-20 winter-solstice-lantern-walk        lin    events, harbor-life
--   7 2021-10-31 fog-season-safety-notes             marta  news
--   6 2021-09-12 lighthouse-keeper-retires           osei   news
--  -- page 3 --
--   5 2021-07-04 fireworks-over-the-breakwater       marta  news, events
--   4 2021-05-30 chowder-for-forty                   lin    recipes
--   3 2021-04-17 spring-net-mending-circle           lin    events
--   2 2021-03-09 tide-tables-go-digital              marta  news
--   1 2021-02-14 harbor-ice-breaks-early             osei   news, harbor-life
--
-- Never public: 26 draft (2021-08-10, category opinion), 27 published but
-- scheduled for 2100-01-05 (category knot-workshops), 28 private
-- (2022-11-11). So the sidebar never lists opinion, knot-workshops,
-- lighthouse-history, 2021/08, 2022/11, 2023/01 or 2100/01.
--
-- Counts: marta 12 posts (2 author pages), osei 8, lin 5; 2021: 8,
-- 2022: 10 (exactly one page), 2023: 7; 2022/03: 11, 12, 13.
-- Categories: news (14 posts of its own), news/events (6: 3, 5, 8, 12,
-- 16, 22), news/events/knot-workshops (none public), harbor-life (8),
-- recipes (4), opinion (none public), lighthouse-history (no post at all).
-- Tags (as `folio import-wxr` brings them): waterfront on posts 1-12 and
-- the draft 26 (12 public: two pages, 12..3 then 2, 1); ferries, named
-- 'Ferries & <Boats> "Q"', on 12, 21 and the scheduled 27; unseen only
-- on 26 and 28, so its page is a 404. Posts 13-20 and 22-25 have none.
-- Pages: about, about/our-team, about/our-team/board, contact, privacy;
-- winter-plans is a draft.
-- Primary menu: Home (/), About (/about/) > Our Team > The Board, About >
-- Contact, News (/category/news/) > Events (/category/news/events/) and
-- "Clam Bake How-To" (post 20), Harbor Life (/category/harbor-life/).
-- Footer links: /privacy/, /terms-of-use/ and an external URL with "&".

PRAGMA foreign_keys = ON;
BEGIN;

UPDATE site SET
	title = 'Harbor Lantern',
	tagline = 'News from the quiet end of the bay',
	mission = 'We keep a light on for every story the tide brings in.',
	vision = 'A harbor town where neighbors hear the news before the fog rolls in.',
	contact_email = 'desk@harborlantern.example',
	copyright_holder = 'Harbor Lantern Cooperative',
	posts_per_page = 10,
	timezone = 'America/New_York',
	base_url = 'https://harborlantern.example'
WHERE id = 1;

INSERT INTO footer_link (id, position, label, url) VALUES
	(1, 1, 'Privacy Notice', '/privacy/'),
	(2, 2, 'Terms of Use', '/terms-of-use/'),
	(3, 3, 'Newsroom Ethics Code',
	    'https://ethics.example.org/code?lang=en&v=2');

INSERT INTO user (id, slug, display_name, email, bio, created_at) VALUES
	(1, 'marta-quill', 'Marta Quill', 'marta@harborlantern.example',
	    'Marta walks the waterfront beat and sits through every council meeting.',
	    1600000000),
	(2, 'osei-brandt', 'Osei Brandt', 'osei@harborlantern.example',
	    'Osei photographs boats, birds and the occasional storm.',
	    1600000000),
	(3, 'lin-fairweather', 'Lin Fairweather', 'lin@harborlantern.example',
	    'Lin runs the community calendar and the recipe corner.',
	    1600000000);

INSERT INTO category (id, parent_id, slug, name, description) VALUES
	(1, NULL, 'news', 'News', 'What happened around the harbor this week.'),
	(2, 1, 'events', 'Events', 'Gatherings on the docks and in the square.'),
	(3, NULL, 'harbor-life', 'Harbor Life', 'Boats, birds and the people who keep them.'),
	(4, NULL, 'recipes', 'Recipes', 'Cooking what the boats bring home.'),
	(5, NULL, 'opinion', 'Opinion', 'Letters and columns.'),
	(6, 2, 'knot-workshops', 'Knot Workshops', 'Learning the bowline and its cousins.'),
	(7, NULL, 'lighthouse-history', 'Lighthouse History', 'Nothing here yet.');

INSERT INTO post (id, slug, title, body_md, body_html, excerpt, status,
    author_id, published_at, updated_at) VALUES
	(1, 'harbor-ice-breaks-early', 'Harbor Ice Breaks Early',
	    'The ice in the inner basin cracked open a full week ahead of the almanac.',
	    '<p>The ice in the inner basin cracked open a full week ahead of the almanac.</p>',
	    'The inner basin thawed a week early.', 'published', 2,
	    1613311200, 1613311200),
	(2, 'tide-tables-go-digital', 'Tide Tables Go Digital',
	    'The harbormaster now posts the tide tables on a screen by the bait shop.',
	    '<p>The harbormaster now posts the tide tables on a screen by the bait shop.</p>',
	    'Tide tables move to a screen by the bait shop.', 'published', 1,
	    1615298400, 1615298400),
	(3, 'spring-net-mending-circle', 'Spring Net-Mending Circle',
	    'Bring a needle and a thermos: the mending circle meets on the north pier.',
	    '<p>Bring a needle and a thermos: the mending circle meets on the north pier.</p>',
	    'The mending circle returns to the north pier.', 'published', 3,
	    1618668000, 1618668000),
	(4, 'chowder-for-forty', 'Chowder for Forty',
	    'Scaling a family chowder up to a church-hall pot takes patience and a paddle.',
	    '<p>Scaling a family chowder up to a church-hall pot takes patience and a paddle.</p>',
	    'A chowder for the whole hall.', 'published', 3,
	    1622383200, 1622383200),
	(5, 'fireworks-over-the-breakwater', 'Fireworks over the Breakwater',
	    'The volunteer crew launched the show from a barge anchored off the breakwater.',
	    '<p>The volunteer crew launched the show from a barge anchored off the breakwater.</p>',
	    'Fireworks from a barge.', 'published', 1,
	    1625407200, 1625407200),
	(6, 'lighthouse-keeper-retires', 'Lighthouse Keeper Retires',
	    'After thirty-one winters on the point, the keeper hands over the logbook.',
	    '<p>After thirty-one winters on the point, the keeper hands over the logbook.</p>',
	    'Thirty-one winters on the point.', 'published', 2,
	    1631455200, 1631455200),
	(7, 'fog-season-safety-notes', 'Fog Season Safety Notes',
	    'Sound your horn, slow your engine and keep the radio on channel sixteen.',
	    '<p>Sound your horn, slow your engine and keep the radio on channel sixteen.</p>',
	    'Horn, engine, radio.', 'published', 1,
	    1635688800, 1635688800),
	(8, 'winter-solstice-lantern-walk', 'Winter Solstice Lantern Walk',
	    'Paper lanterns lined the seawall from the chandlery to the old customs house.',
	    '<p>Paper lanterns lined the seawall from the chandlery to the old customs house.</p>',
	    'Lanterns along the seawall.', 'published', 3,
	    1640008800, 1640008800),
	(9, 'new-pilings-for-pier-two', 'New Pilings for Pier Two',
	    'Divers set the first of forty greenheart pilings under pier two this morning.',
	    '<p>Divers set the first of forty greenheart pilings under pier two this morning.</p>',
	    'Greenheart pilings for pier two.', 'published', 1,
	    1642255200, 1642255200),
	(10, 'smoked-mackerel-at-home', 'Smoked Mackerel at Home',
	    'A biscuit tin, a handful of oak chips and an afternoon are all you need.',
	    '<p>A biscuit tin, a handful of oak chips and an afternoon are all you need.</p>',
	    'Smoking fish in a biscuit tin.', 'published', 2,
	    1645884000, 1645884000),
	(11, 'gull-census-results', 'Gull Census Results',
	    'Volunteers counted four hundred and twelve herring gulls on the mudflats.',
	    '<p>Volunteers counted four hundred and twelve herring gulls on the mudflats.</p>',
	    'Four hundred and twelve gulls.', 'published', 1,
	    1646488800, 1646488800),
	(12, 'late-ferry-to-gull-island', 'Late Ferry to Gull Island',
	    'The last boat left at *half past eleven*, its deck lamps swinging.',
	    '<p>The last boat left at <em>half past eleven</em>, its deck lamps swinging.</p>',
	    'The last boat of the night.', 'published', 1,
	    1647660600, 1647660600),
	(13, 'harbor-council-budget', 'Harbor Council Passes Budget',
	    'The council voted five to two to fund the new fuel dock.',
	    '<p>The council voted five to two to fund the new fuel dock.</p>',
	    'Money for a fuel dock.', 'published', 2,
	    1648130400, 1648130400),
	(14, 'nets-knots-and-fish-tales', 'Nets, Knots & "Fish" Tales <Part 1>',
	    'Old hands swap stories while splicing rope in the boathouse loft.',
	    '<p>Old hands swap stories while splicing rope in the boathouse loft.</p>',
	    'Stories from the boathouse loft.', 'published', 3,
	    1652018400, 1652018400),
	(15, 'cafe-nights-at-the-pier', 'Café Nights at the Pier',
	    'The pier café stays open late on Fridays, with fiddles and fish cakes.',
	    '<p>The pier café stays open late on Fridays, with fiddles and fish cakes.</p>',
	    'Fiddles and fish cakes on Fridays.', 'published', 2,
	    1655820000, 1655820000),
	(16, 'regatta-day-recap', 'Regatta Day Recap',
	    'Eleven dinghies rounded the bell buoy; the ferry crew won again.',
	    '<p>Eleven dinghies rounded the bell buoy; the ferry crew won again.</p>',
	    'The ferry crew wins again.', 'published', 1,
	    1660399200, 1660399200),
	(17, 'dredging-schedule-announced', 'Dredging Schedule Announced',
	    'The channel will be dredged in two stages to keep the moorings usable.',
	    '<p>The channel will be dredged in two stages to keep the moorings usable.</p>',
	    'The channel gets dredged in two stages.', 'published', 1,
	    1664719200, 1664719200),
	(18, 'new-years-eve-bell-ringing', 'New Year''s Eve Bell Ringing',
	    'At ten the chapel bell rang once for every boat that came home safe.',
	    '<p>At ten the chapel bell rang once for every boat that came home safe.</p>',
	    'One ring for every boat home safe.', 'published', 2,
	    1672542000, 1672542000),
	(19, 'seawall-repairs-begin', 'Seawall Repairs Begin',
	    'Masons started repointing the seawall between the slipway and the square.',
	    '<p>Masons started repointing the seawall between the slipway and the square.</p>',
	    'Masons at the seawall.', 'published', 1,
	    1676124000, 1676124000),
	(20, 'clam-bake-basics', 'Clam Bake Basics',
	    'Dig a pit, heat the stones, layer the seaweed and wait.',
	    '<p>Dig a pit, heat the stones, layer the seaweed and wait.</p>',
	    'Stones, seaweed and patience.', 'published', 3,
	    1679752800, 1679752800),
	(21, 'ferry-timetable-changes', 'Ferry Timetable Changes',
	    'From May the morning ferry leaves twenty minutes earlier.',
	    '<p>From May the morning ferry leaves twenty minutes earlier.</p>',
	    'An earlier morning ferry.', 'published', 2,
	    1682776800, 1682776800),
	(22, 'kayak-club-open-house', 'Kayak Club Open House',
	    'Try a sea kayak in the sheltered cove, paddles and spray skirts provided.',
	    '<p>Try a sea kayak in the sheltered cove, paddles and spray skirts provided.</p>',
	    'Kayaks in the cove.', 'published', 1,
	    1686405600, 1686405600),
	(23, 'harbor-seals-return', 'Harbor Seals Return',
	    'Six seals hauled out on the sandbar at low tide, the first in years.',
	    '<p>Six seals hauled out on the sandbar at low tide, the first in years.</p>',
	    'Seals on the sandbar.', 'published', 2,
	    1690034400, 1690034400),
	(24, 'boatyard-fire-drill', 'Boatyard Fire Drill',
	    'Sirens at the boatyard on Saturday were only a drill, the chief says.',
	    '<p>Sirens at the boatyard on Saturday were only a drill, the chief says.</p>',
	    'Only a drill.', 'published', 1,
	    1694872800, 1694872800),
	(25, 'the-last-lobster-boat-of-the-year', 'The Last Lobster Boat of the Year',
	    'The Mary Ellen came in low in the water, and the season closed behind her.',
	    '<p>The Mary Ellen came in low in the water, and the season closed behind her.</p>',
	    'The season closes.', 'published', 1,
	    1700920800, 1700920800),
	(26, 'unfinished-draft-about-buoys', 'Unfinished Draft About Buoys',
	    'Nobody should ever read this sentence about buoys.',
	    '<p>Nobody should ever read this sentence about buoys.</p>',
	    'A draft.', 'draft', 3,
	    1628604000, 1628604000),
	(27, 'letter-to-the-next-century', 'Letter to the Next Century',
	    'Dear reader of the year 2100: the tide still comes in twice a day.',
	    '<p>Dear reader of the year 2100: the tide still comes in twice a day.</p>',
	    'Scheduled far ahead.', 'published', 2,
	    4102840800, 1700000000),
	(28, 'private-board-minutes', 'Private Board Minutes',
	    'These minutes are for the cooperative board only.',
	    '<p>These minutes are for the cooperative board only.</p>',
	    'Board only.', 'private', 1,
	    1668175200, 1668175200);

INSERT INTO post_category (post_id, category_id) VALUES
	(1, 1), (1, 3),
	(2, 1),
	(3, 2),
	(4, 4),
	(5, 1), (5, 2),
	(6, 1),
	(7, 1),
	(8, 2), (8, 3),
	(9, 1),
	(10, 4),
	(11, 3),
	(12, 1), (12, 2),
	(13, 1),
	(14, 3),
	(15, 4), (15, 3),
	(16, 1), (16, 2),
	(17, 1),
	(18, 3),
	(19, 1),
	(20, 4),
	(21, 1),
	(22, 2),
	(23, 3),
	(24, 1),
	(25, 1), (25, 3),
	(26, 5),
	(27, 6),
	(28, 1);

INSERT INTO tag (id, slug, name, description) VALUES
	(1, 'waterfront', 'Waterfront', 'Life along the docks and piers.'),
	(2, 'ferries', 'Ferries & <Boats> "Q"', ''),
	(3, 'unseen', 'Unseen', '');

INSERT INTO post_tag (post_id, tag_id) VALUES
	(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1),
	(9, 1), (10, 1), (11, 1), (12, 1), (26, 1),
	(12, 2), (21, 2), (27, 2),
	(26, 3), (28, 3);

INSERT INTO page (id, parent_id, slug, title, body_md, body_html, excerpt,
    status, position, author_id, published_at, updated_at) VALUES
	(1, NULL, 'about', 'About the Lantern',
	    'Harbor Lantern is written by neighbors, for neighbors.',
	    '<p>Harbor Lantern is written by neighbors, for neighbors.</p>',
	    'Who we are.', 'published', 1, 1, 1600000000, 1600000000),
	(2, 1, 'our-team', 'Our Team',
	    'Three writers, one borrowed office above the chandlery.',
	    '<p>Three writers, one borrowed office above the chandlery.</p>',
	    'The people behind the paper.', 'published', 1, 1,
	    1600000000, 1600000000),
	(3, 2, 'board', 'The Board',
	    'Five cooperative members meet on the first Monday of each month.',
	    '<p>Five cooperative members meet on the first Monday of each month.</p>',
	    'Who oversees the cooperative.', 'published', 1, 1,
	    1600000000, 1600000000),
	(4, NULL, 'contact', 'Contact the Desk',
	    'Leave a note in the box by the harbor office door.',
	    '<p>Leave a note in the box by the harbor office door.</p>',
	    'How to reach us.', 'published', 2, 1, 1600000000, 1600000000),
	(5, NULL, 'privacy', 'Privacy Notice',
	    'We keep no trackers, only a visitor count.',
	    '<p>We keep no trackers, only a visitor count.</p>',
	    'What we keep about you.', 'published', 3, 1,
	    1600000000, 1600000000),
	(6, NULL, 'winter-plans', 'Winter Plans',
	    'Nobody should ever read these winter plans.',
	    '<p>Nobody should ever read these winter plans.</p>',
	    'A draft page.', 'draft', 4, 1, 1600000000, 1600000000);

INSERT INTO menu_item (id, menu, parent_id, position, label, target, page_id,
    category_id, post_id, url) VALUES
	(1, 'primary', NULL, 0, 'Home', 'url', NULL, NULL, NULL, '/'),
	(2, 'primary', NULL, 1, 'About', 'page', 1, NULL, NULL, NULL),
	(3, 'primary', 2, 0, 'Our Team', 'page', 2, NULL, NULL, NULL),
	(4, 'primary', 3, 0, 'The Board', 'page', 3, NULL, NULL, NULL),
	(5, 'primary', 2, 1, 'Contact', 'page', 4, NULL, NULL, NULL),
	(6, 'primary', NULL, 2, 'News', 'category', NULL, 1, NULL, NULL),
	(7, 'primary', 6, 0, 'Events', 'category', NULL, 2, NULL, NULL),
	(8, 'primary', 6, 1, 'Clam Bake How-To', 'post', NULL, NULL, 20, NULL),
	(9, 'primary', NULL, 3, 'Harbor Life', 'category', NULL, 3, NULL, NULL);

COMMIT;
