/*
 * demo.c -- the demo site: Brindlewood Community Partners, an invented
 * community-services nonprofit in the invented Tessaly River valley.
 * Every name, place, phone number and sentence here is made up; numbers
 * are 555-01xx and addresses are at example.org.
 *
 * Fixed content (settings, authors, categories, pages, menu) comes from
 * the tables below. Posts are put together from phrase fragments chosen
 * by a small PRNG with a constant seed, so the same (nposts, now) always
 * gives the same site, and 100000 posts stay distinct and readable.
 * Schema creation is left to the caller (`folio init`).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "folio.h"
#include "demo.h"
#include "search.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define DAY		86400
#define DEMO_SEED	0x466f6c696f446d6fULL	/* "FolioDmo" */
#define DEMO_MONTHS	118		/* months of posts, this one included */
#define DEMO_SLUG_MAX	200		/* schema bound on post slugs */
#define DEMO_EXCERPT_MAX 300
#define DEMO_TITLE_TRIES 4		/* draws of a title before "-2" */
#define DEMO_BATCH	1000		/* posts staged per INSERT INTO post */

/* ------------------------------------------------------------------ */
/* Site settings and footer. */

#define DEMO_SITE_TITLE		"Brindlewood Community Partners"
#define DEMO_SITE_TAGLINE	"Neighbors helping neighbors across the " \
				"Tessaly River valley since 1974"
#define DEMO_SITE_MISSION	"Brindlewood Community Partners connects " \
				"the people of the Tessaly River valley " \
				"with the practical help they need to stay " \
				"housed, healthy and heard."
#define DEMO_SITE_VISION	"A valley where every household has a safe " \
				"home, enough to eat and someone to call."
#define DEMO_SITE_EMAIL		"hello@example.org"
#define DEMO_SITE_HOLDER	"Brindlewood Community Partners, Inc."
#define DEMO_SITE_TZ		"America/New_York"
#define DEMO_POSTS_PER_PAGE	10
#define DEMO_DONATE_URL		"https://donate.example.org/"

struct demo_link {
	const char	*label;
	const char	*url;		/* site-relative path of a page */
};

static const struct demo_link demo_footer[] = {
	{ "Privacy Policy",		"/privacy-policy/" },
	{ "Accessibility",		"/accessibility/" },
	{ "Nondiscrimination Notice",	"/nondiscrimination-notice/" },
	{ "Annual Reports",		"/about/annual-reports/" },
	{ "Careers",			"/get-involved/careers/" },
};

/* ------------------------------------------------------------------ */
/* Authors. */

enum demo_user {
	USER_CORINNE,
	USER_FELIX,
	USER_PRIYA,
	USER_DESMOND,
	USER_RUTH,
	USER__MAX
};

struct demo_author {
	const char	*slug;
	const char	*name;
	const char	*email;
	const char	*bio;
	int		 days_ago;	/* joined this many days before now */
};

/* Posts go back DEMO_MONTHS months (< 3625 days): the first two authors
 * predate them all, the others join later and write only after that. */
static const struct demo_author demo_authors[USER__MAX] = {
	[USER_CORINNE] = { "corinne-valdez", "Corinne Valdez",
	    "corinne.valdez@example.org",
	    "Corinne leads communications and has edited this site since "
	    "its first day. Before that she spent ten years reporting for "
	    "the Valley Courier.", 3700 },
	[USER_FELIX] = { "felix-amundsen", "Felix Amundsen",
	    "felix.amundsen@example.org",
	    "Felix coordinates our volunteers, all thousand-plus of them, "
	    "and can usually be found at the pantry on Saturday mornings.",
	    3660 },
	[USER_PRIYA] = { "priya-natarajan", "Priya Natarajan",
	    "priya.natarajan@example.org",
	    "Priya manages family programs at the Millrace Family Resource "
	    "Center and writes the Parenting Corner column.", 2600 },
	[USER_DESMOND] = { "desmond-okafor", "Desmond Okafor",
	    "desmond.okafor@example.org",
	    "Desmond is a certified housing counselor who has helped "
	    "hundreds of Harrow County households keep a roof overhead.",
	    1800 },
	[USER_RUTH] = { "ruth-kowalczyk", "Ruth Kowalczyk",
	    "ruth.kowalczyk@example.org",
	    "Ruth plans the Elder Circle calendar and insists that the "
	    "Friday film matinee is the best two hours of the week.", 700 },
};

/* ------------------------------------------------------------------ */
/* Categories: exactly twelve, four of them children. */

enum demo_cat {
	CAT_NEWS,
	CAT_GATHERINGS,
	CAT_PRESS,
	CAT_FAMILY,
	CAT_PARENTING,
	CAT_HOUSING,
	CAT_HEALTH,
	CAT_HABITS,
	CAT_ELDER,
	CAT_VOLUNTEER,
	CAT_POLICY,
	CAT_STORIES,
	CAT__MAX
};
#define CAT_NONE	(-1)

struct demo_category {
	int		 parent;	/* enum demo_cat or CAT_NONE */
	const char	*slug;
	const char	*name;
	const char	*description;
};

/* In insertion order: a parent comes before its children. */
static const struct demo_category demo_categories[CAT__MAX] = {
	[CAT_NEWS] = { CAT_NONE, "community-news", "Community News",
	    "Announcements and updates from our four neighborhood hubs." },
	[CAT_GATHERINGS] = { CAT_NEWS, "gatherings", "Gatherings & Events",
	    "Suppers, fairs, drives and celebrations open to everyone." },
	[CAT_PRESS] = { CAT_NEWS, "press-coverage", "Press Coverage",
	    "Our work as reported by local papers, radio and television." },
	[CAT_FAMILY] = { CAT_NONE, "family-support", "Family Support",
	    "Help for parents, grandparents and the children they raise." },
	[CAT_PARENTING] = { CAT_FAMILY, "parenting-corner",
	    "Parenting Corner",
	    "Everyday ideas from our parent coaches and workshop leaders." },
	[CAT_HOUSING] = { CAT_NONE, "housing", "Housing",
	    "Rental assistance, counseling and home repairs." },
	[CAT_HEALTH] = { CAT_NONE, "health-wellness", "Health & Wellness",
	    "Clinic days, screenings and care close to home." },
	[CAT_HABITS] = { CAT_HEALTH, "healthy-habits", "Healthy Habits",
	    "Small, practical tips from our nurses and health workers." },
	[CAT_ELDER] = { CAT_NONE, "elder-circle", "Elder Circle",
	    "Life at our gathering place for neighbors over sixty." },
	[CAT_VOLUNTEER] = { CAT_NONE, "volunteer-corner", "Volunteer Corner",
	    "Openings, thank-yous and stories from our volunteers." },
	[CAT_POLICY] = { CAT_NONE, "policy-watch", "Policy Watch",
	    "Public decisions that affect our neighbors, and how to weigh "
	    "in on them." },
	[CAT_STORIES] = { CAT_NONE, "neighbor-stories", "Neighbor Stories",
	    "Neighbors in their own words, shared with permission." },
};

/* ------------------------------------------------------------------ */
/* Pages: a tree up to three levels deep, rooted at /about/, /programs/,
 * /get-involved/, /contact/ and the legal pages. */

enum demo_page {
	PG_ABOUT,
	PG_WHO,
	PG_MISSION,
	PG_BOARD,
	PG_STAFF,
	PG_HISTORY,
	PG_REPORTS,
	PG_PROGRAMS,
	PG_FAMILY,
	PG_EARLY,
	PG_WORKSHOPS,
	PG_KINSHIP,
	PG_HOUSING,
	PG_RENT,
	PG_REPAIR,
	PG_HEALTH,
	PG_CLINIC,
	PG_PANTRY,
	PG_ELDER,
	PG_ACTIVITIES,
	PG_MEALS,
	PG_RIDES,
	PG_INVOLVED,
	PG_VOLUNTEER,
	PG_YOUTH,
	PG_GROUPS,
	PG_INTERN,
	PG_CAREERS,
	PG_GIVE,
	PG_CONTACT,
	PG_C_FAMILY,
	PG_C_HOUSING,
	PG_C_ELDER,
	PG_PRIVACY,
	PG_ACCESS,
	PG_NOTICE,
	PG__MAX
};
#define PG_NONE		(-1)

struct demo_page_src {
	int		 parent;	/* enum demo_page or PG_NONE */
	const char	*slug;
	const char	*title;
	const char	*excerpt;	/* plain text, also the first <p> */
	const char	*rest_html;	/* trusted literal HTML */
};

/* In insertion order: a parent comes before its children, and siblings
 * are listed in menu order (their position). */
static const struct demo_page_src demo_pages[PG__MAX] = {
	[PG_ABOUT] = { PG_NONE, "about", "About Us",
	    "Brindlewood Community Partners has stood beside the families, "
	    "elders and neighbors of the Tessaly River valley since 1974.",
	    "<p>What began as a food shelf in a borrowed storefront, run by "
	    "six volunteers and one pickup truck, has grown into four "
	    "neighborhood hubs, a staff of about ninety and more than a "
	    "thousand volunteers. The question we ask ourselves has not "
	    "changed: did the person who came through our door leave a "
	    "little steadier than they arrived?</p>\n"
	    "<h2>At a glance</h2>\n"
	    "<ul>\n"
	    "<li>Founded in 1974 on Orchard Lane in Brindlewood</li>\n"
	    "<li>Four neighborhood hubs across Harrow County</li>\n"
	    "<li>Roughly 11,000 neighbors served each year</li>\n"
	    "<li>An independent, nonpartisan 501(c)(3) charity</li>\n"
	    "</ul>\n" },
	[PG_WHO] = { PG_ABOUT, "who-we-are", "Who We Are",
	    "We are social workers, nurses, counselors, drivers, cooks and "
	    "volunteers who share one stubborn belief: nobody in this valley "
	    "should face a hard season alone.",
	    "<p>Most of our staff live within a few miles of the hub where "
	    "they work, and many first came to us as volunteers or as "
	    "neighbors looking for help themselves. That closeness shapes "
	    "how we work: we listen first, we keep our promises small and "
	    "specific, and we follow up.</p>\n"
	    "<p>This section introduces the people who guide the "
	    "organization and the values they answer to.</p>\n" },
	[PG_MISSION] = { PG_WHO, "our-mission", "Our Mission and Values",
	    "Our mission is to connect the people of the Tessaly River "
	    "valley with the practical help they need to stay housed, "
	    "healthy and heard.",
	    "<h2>Our vision</h2>\n"
	    "<p>A valley where every household has a safe home, enough to "
	    "eat and someone to call.</p>\n"
	    "<h2>Our values</h2>\n"
	    "<ul>\n"
	    "<li>Dignity first: help is offered between equals, never "
	    "handed down from above.</li>\n"
	    "<li>Close to home: services belong in the neighborhoods where "
	    "people live.</li>\n"
	    "<li>Plain promises: we say what we can do, and then we do "
	    "it.</li>\n"
	    "<li>Open books: our finances and results are published every "
	    "year.</li>\n"
	    "</ul>\n" },
	[PG_BOARD] = { PG_WHO, "board-of-directors", "Board of Directors",
	    "A volunteer board of twelve neighbors, elected for three-year "
	    "terms, sets our direction and keeps an eye on every dollar.",
	    "<p>Board members serve without pay. At least a third of the "
	    "seats are held by people who have used our services, so the "
	    "board hears directly from the neighbors its decisions "
	    "affect.</p>\n"
	    "<ul>\n"
	    "<li>Teodora Sandoval, chair, retired school principal</li>\n"
	    "<li>Marcus Whitfield, treasurer, credit union branch "
	    "manager</li>\n"
	    "<li>Ines Halvorsen, secretary, public health nurse</li>\n"
	    "<li>Bertrand Oyelaran, owner of a hardware store</li>\n"
	    "<li>Keiko Marchetti, tenant organizer</li>\n"
	    "</ul>\n"
	    "<p>The board meets on the second Thursday of every other month, "
	    "and its meetings are open to the public.</p>\n" },
	[PG_STAFF] = { PG_WHO, "staff", "Staff Directory",
	    "Not sure whom to ask? Start here: our program leads and how to "
	    "reach them.",
	    "<ul>\n"
	    "<li>Hollis Marsh, executive director</li>\n"
	    "<li>Nadia Ferreira, director of family programs</li>\n"
	    "<li>Graham Osei, director of housing services</li>\n"
	    "<li>Dr. Amara Lindqvist, health services lead</li>\n"
	    "<li>Raymond Tully, Elder Circle coordinator</li>\n"
	    "<li>Corinne Valdez, communications director</li>\n"
	    "</ul>\n"
	    "<p>Every staff member can be reached through the main line, "
	    "555-0142, or by writing to hello@example.org.</p>\n" },
	[PG_HISTORY] = { PG_ABOUT, "history", "Our History",
	    "Fifty years ago a handful of Brindlewood neighbors noticed that "
	    "families on their street were skipping meals at the end of "
	    "every month, and decided to do something about it.",
	    "<h2>Milestones</h2>\n"
	    "<ul>\n"
	    "<li>1974: a food shelf opens in a borrowed storefront on "
	    "Orchard Lane</li>\n"
	    "<li>1986: the first repair crew fixes forty porches in a "
	    "single summer</li>\n"
	    "<li>1998: Elder Circle welcomes its first members</li>\n"
	    "<li>2009: the Family Resource Center opens in Millrace</li>\n"
	    "<li>2016: the mobile clinic begins its weekly rounds</li>\n"
	    "</ul>\n"
	    "<p>Through floods, recessions and a pandemic, the doors have "
	    "stayed open. The names on the staff list have changed many "
	    "times; the idea has not.</p>\n" },
	[PG_REPORTS] = { PG_ABOUT, "annual-reports",
	    "Annual Reports and Financials",
	    "Every year we publish our audited financial statements, our tax "
	    "filings and a plain-language report on what we did.",
	    "<p>Last year 86 cents of every dollar went directly to "
	    "programs, 9 cents to administration and 5 cents to "
	    "fundraising. Printed copies of earlier reports are kept at the "
	    "front desk of every hub.</p>\n"
	    "<p>Questions about our finances are welcome: write to the "
	    "treasurer through hello@example.org.</p>\n" },
	[PG_PROGRAMS] = { PG_NONE, "programs", "Programs",
	    "Everything we do falls under four roofs: family support, "
	    "housing help, health and the Elder Circle for older "
	    "neighbors.",
	    "<p>All of our programs are free or offered on a sliding scale, "
	    "and none of them asks about immigration status. If you are not "
	    "sure which one fits, call the main line and a staff member "
	    "will help you sort it out.</p>\n"
	    "<ul>\n"
	    "<li>Family Resource Center: playgroups, parent workshops and "
	    "help for relatives raising children</li>\n"
	    "<li>Housing Help: rental assistance and home repairs</li>\n"
	    "<li>Healthy Neighbors: mobile clinic days and the community "
	    "pantry</li>\n"
	    "<li>Elder Circle: classes, shared meals and rides for people "
	    "over sixty</li>\n"
	    "</ul>\n" },
	[PG_FAMILY] = { PG_PROGRAMS, "family-resource-center",
	    "Family Resource Center",
	    "The Family Resource Center in Millrace is a welcoming place for "
	    "parents, grandparents and children to learn, play and find "
	    "support.",
	    "<p>Drop in for coffee and a chat, or book time with a family "
	    "navigator who can help with school enrollment, child care "
	    "subsidies, benefit applications and more. The center is open "
	    "weekdays from 8:30 to 5:00, and until 7:00 on Thursdays.</p>\n" },
	[PG_EARLY] = { PG_FAMILY, "early-learning", "Early Learning Playgroups",
	    "Free playgroups for children from birth to five and the adults "
	    "who care for them, led by trained early childhood educators.",
	    "<p>Each session mixes songs, stories, messy art and free play, "
	    "with time for the grown-ups to compare notes. Groups are "
	    "capped at twelve families so that nobody gets lost in the "
	    "crowd.</p>\n"
	    "<ul>\n"
	    "<li>Babies and crawlers: Monday and Wednesday mornings</li>\n"
	    "<li>Toddlers: Tuesday and Thursday mornings</li>\n"
	    "<li>Getting ready for kindergarten: Friday mornings</li>\n"
	    "</ul>\n" },
	[PG_WORKSHOPS] = { PG_FAMILY, "parent-workshops", "Parent Workshops",
	    "Short, practical workshops on the questions parents actually "
	    "ask, from sleep and screens to talking with teenagers.",
	    "<p>Each series runs for four weeks, with a light supper and "
	    "child care included. Parents who finish a series receive a "
	    "certificate that many local agencies accept.</p>\n" },
	[PG_KINSHIP] = { PG_FAMILY, "kinship-care", "Kinship Care Support",
	    "Grandparents, aunts, uncles and family friends who step in to "
	    "raise a child deserve support of their own.",
	    "<p>Our kinship navigators help caregivers understand their "
	    "legal options, apply for assistance and meet others in the "
	    "same situation. A support circle meets on the first Tuesday "
	    "evening of each month at the Family Resource Center.</p>\n" },
	[PG_HOUSING] = { PG_PROGRAMS, "housing-help", "Housing Help",
	    "Housing Help keeps neighbors in safe, stable homes through "
	    "emergency rental assistance, counseling and home repairs.",
	    "<p>If you have received a late notice, a shutoff warning or a "
	    "court date, call us right away. The earlier we hear from you, "
	    "the more options there are.</p>\n" },
	[PG_RENT] = { PG_HOUSING, "rental-assistance", "Rental Assistance",
	    "One-time help with back rent, security deposits or utility "
	    "bills for households facing a short-term crisis.",
	    "<p>Assistance is paid directly to the landlord or utility. "
	    "Every applicant meets with a housing counselor, who also helps "
	    "plan for the months ahead so that the same crisis is less "
	    "likely to return.</p>\n"
	    "<h2>What to bring</h2>\n"
	    "<ul>\n"
	    "<li>Photo identification for each adult in the household</li>\n"
	    "<li>A copy of the lease and any notices received</li>\n"
	    "<li>Proof of income for the last thirty days</li>\n"
	    "</ul>\n" },
	[PG_REPAIR] = { PG_HOUSING, "home-repair", "Safe at Home Repairs",
	    "Volunteer crews and licensed contractors make urgent repairs "
	    "for older adults and people with disabilities who own their "
	    "homes.",
	    "<p>Typical jobs include wheelchair ramps, grab bars, roof "
	    "patches, furnace repairs and new porch steps. Homeowners pay "
	    "nothing; materials are covered by gifts and grants.</p>\n" },
	[PG_HEALTH] = { PG_PROGRAMS, "healthy-neighbors", "Healthy Neighbors",
	    "Healthy Neighbors brings basic health care, screenings and good "
	    "food closer to the people who need them most.",
	    "<p>Our nurses and community health workers know the valley "
	    "well. They help neighbors find a regular doctor, sign up for "
	    "coverage and manage long-term conditions, and they never send "
	    "anyone away for lack of insurance.</p>\n" },
	[PG_CLINIC] = { PG_HEALTH, "clinic-days", "Mobile Clinic Days",
	    "The mobile clinic visits a different neighborhood every "
	    "weekday, offering checkups, screenings and vaccinations "
	    "without an appointment.",
	    "<ul>\n"
	    "<li>Monday: Cedar Flats, behind the branch library</li>\n"
	    "<li>Tuesday: Quarry Hill community room</li>\n"
	    "<li>Wednesday: Northgate, in the market parking lot</li>\n"
	    "<li>Thursday: Willow Bend fire station</li>\n"
	    "<li>Friday: Millrace, outside the Family Resource Center</li>\n"
	    "</ul>\n"
	    "<p>The van is wheelchair accessible, and interpreters are "
	    "available by phone.</p>\n" },
	[PG_PANTRY] = { PG_HEALTH, "food-pantry", "Community Pantry",
	    "The community pantry offers fresh produce, dairy and staples in "
	    "a market setting where neighbors choose what they need.",
	    "<p>Anyone living in Harrow County may shop once a week; bring a "
	    "bag if you can. Volunteer drivers deliver to people who cannot "
	    "travel.</p>\n" },
	[PG_ELDER] = { PG_PROGRAMS, "elder-circle", "Elder Circle",
	    "Elder Circle is a gathering place for neighbors over sixty, "
	    "with classes, shared meals, outings and a friendly face at the "
	    "door.",
	    "<p>Membership is free. Members shape the calendar themselves at "
	    "a monthly planning meeting, which is how the ukulele band, the "
	    "memoir group and the Friday film matinee came to be.</p>\n" },
	[PG_ACTIVITIES] = { PG_ELDER, "activities", "Classes and Activities",
	    "From chair yoga to computer help, the Elder Circle calendar has "
	    "something on almost every weekday.",
	    "<ul>\n"
	    "<li>Gentle movement and balance classes</li>\n"
	    "<li>Art, writing and music groups</li>\n"
	    "<li>Computer and phone help, one on one</li>\n"
	    "<li>Day trips to museums, gardens and the lake</li>\n"
	    "</ul>\n" },
	[PG_MEALS] = { PG_ELDER, "meals", "Shared Meals",
	    "A hot, balanced lunch is served at Elder Circle every weekday "
	    "at noon, for a suggested donation of two dollars.",
	    "<p>Nobody is turned away for being unable to give. Special "
	    "diets can be arranged with a day's notice, and frozen meals "
	    "are available to take home for the weekend.</p>\n" },
	[PG_RIDES] = { PG_ELDER, "rides", "Rides to Appointments",
	    "Volunteer drivers take older neighbors to medical appointments, "
	    "the pharmacy and the grocery store.",
	    "<p>Please call at least two business days ahead to book a "
	    "ride. Drivers are screened and trained, and they will wait "
	    "with you when that helps.</p>\n" },
	[PG_INVOLVED] = { PG_NONE, "get-involved", "Get Involved",
	    "There are as many ways to help as there are neighbors: give an "
	    "hour, give a gift or lend your skills.",
	    "<p>Volunteers, donors and partners make up the largest part of "
	    "our team. Whatever you have to offer, we will help you find a "
	    "place where it counts.</p>\n" },
	[PG_VOLUNTEER] = { PG_INVOLVED, "volunteer", "Volunteer With Us",
	    "More than a thousand volunteers sort food, drive neighbors, "
	    "tutor children, fix homes and answer phones every year.",
	    "<p>Most roles need no special experience. Every new volunteer "
	    "attends a one-hour orientation and works a first shift "
	    "alongside an experienced partner.</p>\n"
	    "<ul>\n"
	    "<li>Pantry and delivery shifts</li>\n"
	    "<li>Reading buddies and homework help</li>\n"
	    "<li>Home repair crews</li>\n"
	    "<li>Friendly phone calls to older neighbors</li>\n"
	    "</ul>\n" },
	[PG_YOUTH] = { PG_VOLUNTEER, "youth-volunteers", "Youth Volunteers",
	    "Students aged fourteen to eighteen can earn service hours while "
	    "doing work that matters to their own neighborhoods.",
	    "<p>Youth volunteers help at playgroups, community events and "
	    "the pantry. Volunteers under sixteen need a form signed by a "
	    "parent or guardian.</p>\n" },
	[PG_GROUPS] = { PG_VOLUNTEER, "group-projects",
	    "Group and Workplace Projects",
	    "Bring your team, class or club for a day of service that leaves "
	    "something real behind.",
	    "<p>We host groups of five to thirty for pantry sorting, garden "
	    "days, repair projects and seasonal drives. Please get in touch "
	    "a month ahead so that we can plan a project that fits.</p>\n" },
	[PG_INTERN] = { PG_INVOLVED, "internships", "Internships",
	    "Paid and for-credit internships in social work, public health, "
	    "communications and nonprofit management.",
	    "<p>Interns work beside experienced staff on real projects and "
	    "meet weekly with a supervisor. Applications for the fall term "
	    "open in April, and for the spring term in October.</p>\n" },
	[PG_CAREERS] = { PG_INVOLVED, "careers", "Careers",
	    "Join a team that cares about its neighbors and about each "
	    "other.",
	    "<p>We offer fair pay, generous paid time off, health coverage "
	    "from the first day and tuition support for staff who want to "
	    "keep learning. Current openings are posted here and at every "
	    "hub.</p>\n"
	    "<ul>\n"
	    "<li>Family navigator, full time, Millrace</li>\n"
	    "<li>Mobile clinic nurse, full time</li>\n"
	    "<li>Elder Circle kitchen assistant, part time</li>\n"
	    "</ul>\n" },
	[PG_GIVE] = { PG_INVOLVED, "ways-to-give", "Ways to Give",
	    "Gifts of every size keep our doors open, our vans running and "
	    "our pantry shelves full.",
	    "<ul>\n"
	    "<li>Give online through our secure donation site</li>\n"
	    "<li>Mail a check to 214 Orchard Lane, Brindlewood</li>\n"
	    "<li>Become a monthly sustainer</li>\n"
	    "<li>Ask your employer to match your gift</li>\n"
	    "<li>Remember us in your will</li>\n"
	    "</ul>\n"
	    "<p>Gifts are tax deductible as allowed by law.</p>\n" },
	[PG_CONTACT] = { PG_NONE, "contact", "Get in Touch",
	    "Call 555-0142, write to hello@example.org or visit any of our "
	    "four neighborhood hubs.",
	    "<p>The main line is answered on weekdays from 8:00 to 6:00. "
	    "Outside those hours, leave a message and we will call back the "
	    "next business day. In an emergency, call 911.</p>\n" },
	[PG_C_FAMILY] = { PG_CONTACT, "family-services",
	    "Family Services Office",
	    "Family Resource Center, 41 Mill Street, Millrace. Open weekdays "
	    "8:30 to 5:00, Thursdays until 7:00.",
	    "<p>Call 555-0143 about playgroups, parent workshops and kinship "
	    "care.</p>\n" },
	[PG_C_HOUSING] = { PG_CONTACT, "housing-office", "Housing Office",
	    "Housing Help, 214 Orchard Lane, Brindlewood. Open weekdays 9:00 "
	    "to 5:00, walk-ins welcome until 3:00.",
	    "<p>Call 555-0147 about rental assistance, housing counseling or "
	    "a home repair request.</p>\n" },
	[PG_C_ELDER] = { PG_CONTACT, "elder-circle", "Elder Circle Front Desk",
	    "Elder Circle, 9 Kestrel Road, Quarry Hill. Open weekdays 8:00 "
	    "to 4:00.",
	    "<p>Call 555-0149 to book a ride, reserve a lunch or ask about "
	    "membership.</p>\n" },
	[PG_PRIVACY] = { PG_NONE, "privacy-policy", "Privacy Policy",
	    "We collect only the information we need to help you, keep it "
	    "safe, and never sell it.",
	    "<h2>What we collect</h2>\n"
	    "<p>When you use our services we record your name, contact "
	    "details and the help you received, so that we can follow up "
	    "and report our results in summary form. This website keeps "
	    "ordinary server logs for two weeks and sets no advertising "
	    "cookies.</p>\n"
	    "<h2>Your choices</h2>\n"
	    "<p>You may ask to see, correct or delete the information we "
	    "hold about you by writing to hello@example.org.</p>\n" },
	[PG_ACCESS] = { PG_NONE, "accessibility", "Accessibility Statement",
	    "We want this website and every one of our hubs to be usable by "
	    "everyone, including people with disabilities.",
	    "<p>This site aims to meet the Web Content Accessibility "
	    "Guidelines at level AA. All hubs are step-free and have "
	    "accessible restrooms. If something gets in your way, call "
	    "555-0142 and we will fix it or find another way to help.</p>\n" },
	[PG_NOTICE] = { PG_NONE, "nondiscrimination-notice",
	    "Nondiscrimination Notice",
	    "Brindlewood Community Partners does not discriminate on the "
	    "basis of race, color, national origin, religion, sex, sexual "
	    "orientation, gender identity, age or disability.",
	    "<p>Free language help and auxiliary aids are available on "
	    "request. If you believe you were treated unfairly, you may file "
	    "a complaint with our compliance officer at hello@example.org or "
	    "by calling 555-0142.</p>\n" },
};

/* ------------------------------------------------------------------ */
/* Hand-written posts: two public ones the menu links, and three the
 * public site must not show. */

enum demo_fixed {
	FIX_YEAR,		/* the newest post */
	FIX_FIRST_SHIFT,	/* a third of the way through */
	FIX_DRAFT_1,
	FIX_DRAFT_2,
	FIX_SCHEDULED,
	FIX__MAX
};

struct demo_fixed_post {
	const char	*slug;
	const char	*title;
	const char	*excerpt;	/* plain text, also the first <p> */
	const char	*rest_html;	/* trusted literal HTML */
	int		 author;	/* enum demo_user */
	int		 cats[2];	/* enum demo_cat, CAT_NONE for none */
};

static const struct demo_fixed_post demo_fixed_posts[FIX__MAX] = {
	[FIX_YEAR] = { "a-look-back-at-a-busy-year",
	    "A Look Back at a Busy Year",
	    "Before the calendar fills up again, we wanted to pause and "
	    "thank everyone who made the past twelve months possible.",
	    "<p>It was a year of long lines and longer days. The pantry "
	    "served more households than in any year since we started "
	    "counting, the mobile clinic added a fifth weekly stop, and our "
	    "repair crews built ramps for forty-one neighbors who had not "
	    "left the house on their own in months.</p>\n"
	    "<h2>By the numbers</h2>\n"
	    "<ul>\n"
	    "<li>11,200 neighbors served across four hubs</li>\n"
	    "<li>38,000 pantry visits</li>\n"
	    "<li>1,140 volunteers giving 52,000 hours</li>\n"
	    "<li>612 households kept in their homes</li>\n"
	    "</ul>\n"
	    "<p>Numbers tell only part of the story. The rest lives in the "
	    "thank-you notes taped to the break room wall, and in the "
	    "neighbors who came back this year as volunteers.</p>\n"
	    "<p>Thank you for being part of it. <a "
	    "href=\"/about/annual-reports/\">Read the full annual "
	    "report</a>.</p>\n",
	    USER_CORINNE, { CAT_NEWS, CAT_STORIES } },
	[FIX_FIRST_SHIFT] = { "what-to-expect-at-your-first-volunteer-shift",
	    "What to Expect at Your First Volunteer Shift",
	    "Signed up for a first shift and not sure what happens next? "
	    "Here is a walk through a typical morning.",
	    "<p>Arrive ten minutes early and look for the green welcome "
	    "table by the front door. A shift lead will check you in, hand "
	    "you a name tag and introduce the partner you will work with "
	    "for the morning.</p>\n"
	    "<h2>Bring with you</h2>\n"
	    "<ul>\n"
	    "<li>Closed-toe shoes</li>\n"
	    "<li>A water bottle</li>\n"
	    "<li>Photo identification, the first time only</li>\n"
	    "</ul>\n"
	    "<p>Most shifts last two to three hours and end with a short "
	    "debrief, so you can ask questions and tell us how it went. If "
	    "you need to cancel, call the volunteer desk at 555-0145; it "
	    "happens to everyone.</p>\n"
	    "<p>Ready to choose a shift? <a "
	    "href=\"/get-involved/volunteer/\">See the current "
	    "openings</a>.</p>\n",
	    USER_FELIX, { CAT_VOLUNTEER, CAT_NONE } },
	[FIX_DRAFT_1] = { DEMO_SLUG_DRAFT_1, "Gala Seating Notes (Draft)",
	    "Working notes for the spring gala seating chart.",
	    "<p>Not for publication: table assignments are still waiting on "
	    "three sponsors.</p>\n",
	    USER_CORINNE, { CAT_GATHERINGS, CAT_NONE } },
	[FIX_DRAFT_2] = { DEMO_SLUG_DRAFT_2,
	    "Board Retreat Agenda (Draft)",
	    "A first outline of the board retreat agenda.",
	    "<p>Not for publication until the chair has signed off.</p>\n",
	    USER_FELIX, { CAT_NEWS, CAT_NONE } },
	[FIX_SCHEDULED] = { DEMO_SLUG_SCHEDULED,
	    "Summer Reading Buddies Return",
	    "Reading buddies are back for the summer, pairing volunteer "
	    "readers with children who want a little practice.",
	    "<p>Sessions run twice a week at the Family Resource Center. "
	    "Volunteers need one hour of training and a love of picture "
	    "books.</p>\n",
	    USER_PRIYA, { CAT_VOLUNTEER, CAT_FAMILY } },
};

/* ------------------------------------------------------------------ */
/* The primary menu, in order: each item's parent is the nearest item
 * above it at the next lower depth. */

enum demo_nav_kind {
	NAV_PAGE,
	NAV_CATEGORY,
	NAV_POST,
	NAV_URL
};

struct demo_nav {
	int		 depth;		/* 0, 1 or 2 */
	const char	*label;
	enum demo_nav_kind kind;
	int		 ref;		/* enum demo_page, _cat or _fixed */
	const char	*url;		/* NAV_URL only */
};

static const struct demo_nav demo_menu[] = {
	{ 0, "News & Stories",		NAV_CATEGORY,	CAT_NEWS, NULL },
	{ 1, "Gatherings & Events",	NAV_CATEGORY,	CAT_GATHERINGS, NULL },
	{ 1, "Press Coverage",		NAV_CATEGORY,	CAT_PRESS, NULL },
	{ 1, "Family Support",		NAV_CATEGORY,	CAT_FAMILY, NULL },
	{ 1, "Housing",			NAV_CATEGORY,	CAT_HOUSING, NULL },
	{ 1, "Health & Wellness",	NAV_CATEGORY,	CAT_HEALTH, NULL },
	{ 1, "Elder Circle News",	NAV_CATEGORY,	CAT_ELDER, NULL },
	{ 1, "Volunteer Corner",	NAV_CATEGORY,	CAT_VOLUNTEER, NULL },
	{ 1, "Policy Watch",		NAV_CATEGORY,	CAT_POLICY, NULL },
	{ 1, "Neighbor Stories",	NAV_CATEGORY,	CAT_STORIES, NULL },
	{ 1, "Our Year in Review",	NAV_POST,	FIX_YEAR, NULL },
	{ 0, "About Us",		NAV_PAGE,	PG_ABOUT, NULL },
	{ 1, "Who We Are",		NAV_PAGE,	PG_WHO, NULL },
	{ 2, "Mission and Values",	NAV_PAGE,	PG_MISSION, NULL },
	{ 2, "Board of Directors",	NAV_PAGE,	PG_BOARD, NULL },
	{ 2, "Staff Directory",		NAV_PAGE,	PG_STAFF, NULL },
	{ 1, "Our History",		NAV_PAGE,	PG_HISTORY, NULL },
	{ 1, "Annual Reports",		NAV_PAGE,	PG_REPORTS, NULL },
	{ 0, "Programs",		NAV_PAGE,	PG_PROGRAMS, NULL },
	{ 1, "Family Resource Center",	NAV_PAGE,	PG_FAMILY, NULL },
	{ 2, "Early Learning",		NAV_PAGE,	PG_EARLY, NULL },
	{ 2, "Parent Workshops",	NAV_PAGE,	PG_WORKSHOPS, NULL },
	{ 2, "Kinship Care",		NAV_PAGE,	PG_KINSHIP, NULL },
	{ 1, "Housing Help",		NAV_PAGE,	PG_HOUSING, NULL },
	{ 2, "Rental Assistance",	NAV_PAGE,	PG_RENT, NULL },
	{ 2, "Home Repairs",		NAV_PAGE,	PG_REPAIR, NULL },
	{ 1, "Healthy Neighbors",	NAV_PAGE,	PG_HEALTH, NULL },
	{ 2, "Mobile Clinic Days",	NAV_PAGE,	PG_CLINIC, NULL },
	{ 2, "Community Pantry",	NAV_PAGE,	PG_PANTRY, NULL },
	{ 1, "Elder Circle",		NAV_PAGE,	PG_ELDER, NULL },
	{ 2, "Classes and Activities",	NAV_PAGE,	PG_ACTIVITIES, NULL },
	{ 2, "Shared Meals",		NAV_PAGE,	PG_MEALS, NULL },
	{ 2, "Rides",			NAV_PAGE,	PG_RIDES, NULL },
	{ 0, "Get Involved",		NAV_PAGE,	PG_INVOLVED, NULL },
	{ 1, "Volunteer",		NAV_PAGE,	PG_VOLUNTEER, NULL },
	{ 2, "Youth Volunteers",	NAV_PAGE,	PG_YOUTH, NULL },
	{ 2, "Group Projects",		NAV_PAGE,	PG_GROUPS, NULL },
	{ 2, "Your First Shift",	NAV_POST,	FIX_FIRST_SHIFT, NULL },
	{ 1, "Internships",		NAV_PAGE,	PG_INTERN, NULL },
	{ 1, "Careers",			NAV_PAGE,	PG_CAREERS, NULL },
	{ 1, "Ways to Give",		NAV_PAGE,	PG_GIVE, NULL },
	{ 1, "Donate Online",		NAV_URL,	0, DEMO_DONATE_URL },
	{ 0, "Get in Touch",		NAV_PAGE,	PG_CONTACT, NULL },
	{ 1, "Family Services",		NAV_PAGE,	PG_C_FAMILY, NULL },
	{ 1, "Housing Office",		NAV_PAGE,	PG_C_HOUSING, NULL },
	{ 1, "Elder Circle Desk",	NAV_PAGE,	PG_C_ELDER, NULL },
};
#define DEMO_NAV_DEPTH	3

/* ------------------------------------------------------------------ */
/* Phrase pools for generated posts. Patterns take slots: %T the topic's
 * subject, %P a neighborhood, %G a group of people (plural), %H a hub,
 * %A a partner organization, %S the season and %Y the year and %M the
 * month of publication, %D a day soon after it ("Tuesday, March 4"),
 * %N a small number, %K a count of tens. Titles
 * are title-cased after expansion, sentences get a capital first letter.
 * Nothing here needs HTML escaping, but it is escaped anyway. */

static const char *const demo_places[] = {
	"Millrace", "Cedar Flats", "Quarry Hill", "Northgate", "Willow Bend",
	"the East Ward", "Harrow Junction", "Fernhill", "Sandpiper Row",
	"Old Tannery", "Riverside Terrace", "Kestrel Heights", "Lower Tessaly",
	"Orchard Lane", "Bellweather Park", "Southfork", "Larkspur Court",
	"Tinker's Crossing", "Mill Pond", "Hollins Corner", "West Tessaly",
	"Stonebridge", "Ashgrove", "Pickett's Landing",
};

static const char *const demo_groups[] = {
	"families", "seniors", "young parents", "teens", "caregivers",
	"veterans", "new neighbors", "renters",
	"grandparents raising grandchildren", "working parents",
	"first-time volunteers", "neighbors living alone", "homeowners",
	"students", "single parents", "people with disabilities",
	"night-shift workers", "newcomers to Harrow County",
};

static const char *const demo_hubs[] = {
	"the Orchard Lane hub", "the Millrace hub", "the Quarry Hill hub",
	"the Northgate hub",
};

static const char *const demo_partners[] = {
	"Brindlewood Public Library", "Harrow County Health Department",
	"Fernhill Middle School", "Lower Tessaly Credit Union",
	"Tessaly Valley Food Network", "Northgate Merchants Association",
	"Quarry Hill Fire Company", "Millrace Tenants Union",
};

static const char *const demo_seasons[] = {	/* by month - 1 */
	"winter", "winter", "spring", "spring", "spring", "summer",
	"summer", "summer", "fall", "fall", "fall", "winter",
};

static const char *const demo_months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Said by one of demo_speakers; no closing punctuation. */
static const char *const demo_quotes[] = {
	"We try to make every visit feel like a conversation, not a "
	    "transaction",
	"The best ideas we have come straight from the people we serve",
	"None of this would happen without our volunteers",
	"Asking for help takes courage, and we want to honor that every "
	    "time",
	"When neighbors show up for each other, the whole valley is "
	    "stronger",
	"We measure success one household at a time",
	"Our job is to make the next step a little easier",
	"Every week someone surprises us with what they are willing to give",
	"People know their own lives best, so we start by listening",
	"A small amount of help at the right moment can change a whole year",
};

static const char *const demo_speakers[] = {
	"Nadia Ferreira, director of family programs",
	"Graham Osei, director of housing services",
	"Dr. Amara Lindqvist, who leads our health services",
	"Raymond Tully, the Elder Circle coordinator",
	"Hollis Marsh, our executive director",
	"Lucia Brandt, a volunteer since 2011",
	"Tomas Reyes-Whitcomb, one of our pantry shift leads",
	"Opal Greenhalgh, a longtime member of Elder Circle",
};

static const char *const demo_generic[] = {
	"Programs like this depend on steady support from neighbors, local "
	    "businesses and foundations.",
	"As always, our services are free and open to everyone, whatever "
	    "their immigration status.",
	"Staff can arrange an interpreter for any language with a day's "
	    "notice.",
	"We are grateful to the %A for their partnership on this effort.",
	"Hub hours and directions are listed on our Get in Touch page.",
	"Thank you to everyone at %H who helped make this happen.",
};

/* Where and when; the date makes most bodies unique. */
static const char *const demo_logistics[] = {
	"The next session is on %D at %H, and no sign-up is needed.",
	"Our team will be at %H on %D to answer questions in person.",
	"Drop by %H on %D any time between 10:00 and 2:00.",
	"Questions are welcome until %D; after that, watch this page for an "
	    "update.",
	"We will share what we learn here after %D.",
	"Staff at %H will hold open hours on %D for anyone who wants to talk "
	    "it through.",
};

static const char *const demo_weekdays[] = {	/* 1970-01-01 was a Thursday */
	"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday",
	"Wednesday",
};

static const char *const demo_headings[] = {
	"How to help", "Questions?", "Getting there", "A word of thanks",
	"Stay in touch",
};

/* Trusted literal HTML, the last paragraph of a post. */
static const char *const demo_closers[] = {
	"Questions? Call us at 555-0142 or stop by any of our four hubs.",
	"Want to help? <a href=\"/get-involved/volunteer/\">Sign up to "
	    "volunteer</a> or <a href=\"" DEMO_DONATE_URL "\">make a "
	    "gift</a>.",
	"Read more about <a href=\"/programs/\">our programs</a>, or write "
	    "to us at hello@example.org.",
	"Every hub's address and hours are on our <a "
	    "href=\"/contact/\">contact page</a>.",
	"To get stories like this by e-mail, ask at any front desk to join "
	    "our monthly newsletter.",
};

struct demo_topic {
	int			 cat;		/* enum demo_cat */
	int			 author;	/* enum demo_user, the usual */
	int			 related[3];	/* extra categories */
	unsigned		 weight;	/* relative share of posts */
	const char *const	*things;
	size_t			 nthings;
	const char *const	*titles;
	size_t			 ntitles;
	const char *const	*openers;
	size_t			 nopeners;
	const char *const	*details;	/* at least three */
	size_t			 ndetails;
	const char		*list_head;
	const char *const	*items;		/* at least three */
	size_t			 nitems;
};
#define POOL(a)		(a), NITEMS(a)

static const char *const news_things[] = {
	"community meeting", "hub renovation", "new van fleet",
	"listening session", "library partnership", "Saturday office schedule",
	"translation line", "strategic plan", "new website", "board election",
};
static const char *const news_titles[] = {
	"%S %Y Update: The %T at %H",
	"Inviting %G in %P to the %T",
	"%N Things %G in %P Should Know About the %T",
	"The %T: What It Means for %G in %P",
	"Why %G in %P Asked Us for the %T",
};
static const char *const news_openers[] = {
	"This %S we are making changes at %H that %G in %P have asked "
	    "about for a long time.",
	"Our staff spent the past few weeks preparing the %T, and we want "
	    "to share what it means for %G across the valley.",
	"If you live in %P, you may already have heard about the %T.",
	"We are glad to announce the %T, which grew directly out of "
	    "conversations with %G.",
};
static const char *const news_details[] = {
	"The work was paid for by a mix of small gifts, a county grant and "
	    "a good deal of volunteer sweat.",
	"We heard from more than %K neighbors before settling on a plan.",
	"Nothing about our existing programs changes in the meantime, and "
	    "every appointment already booked will be kept.",
	"Staff at %H can answer questions in English, Spanish and Haitian "
	    "Creole.",
	"We will post a progress report here once the first month is "
	    "behind us.",
	"Parking is free, the building is step-free, and children are "
	    "always welcome.",
};
static const char *const news_items[] = {
	"Office hours run later on Tuesdays and Thursdays",
	"The main phone number stays the same",
	"Walk-in help continues at every hub",
	"Interpreters are available on request",
	"Bus route 7 stops right outside",
};

static const char *const gather_things[] = {
	"neighborhood supper", "block party", "coat drive", "resource fair",
	"pancake breakfast", "backpack giveaway", "community potluck",
	"benefit concert", "river cleanup", "open house", "family fun run",
	"craft fair",
};
static const char *const gather_titles[] = {
	"Join Us for the %T in %P This %S",
	"The %T Returns to %P in %Y",
	"Save the Date: The %Y %T in %P",
	"Photos From the %S %T at %H",
	"Everything %G Need to Know About the %T in %P",
	"%M Brings the %T Back to %P",
};
static const char *const gather_openers[] = {
	"Mark your calendar: the %T is coming to %P this %S, and everyone "
	    "is welcome.",
	"More than %K neighbors turned out for the %T in %P, and we are "
	    "still smiling about it.",
	"The %T has become one of our favorite traditions, and this year "
	    "it is bigger than ever.",
	"We are looking for %G who would like to help plan the %T at %H.",
};
static const char *const gather_details[] = {
	"Admission is free, though canned goods are gratefully accepted at "
	    "the door.",
	"Local musicians have offered to play through the afternoon, "
	    "weather permitting.",
	"A quiet room will be set aside for anyone who needs a break from "
	    "the crowd.",
	"Volunteers in green aprons will be on hand to point the way and "
	    "answer questions.",
	"If it rains, everything moves indoors to the gym at Fernhill "
	    "Middle School.",
	"Children under twelve should come with an adult, and strollers "
	    "are no trouble at all.",
};
static const char *const gather_items[] = {
	"A reusable bag for anything you take home",
	"A dish to share, if you like to cook",
	"Comfortable shoes",
	"Questions for our program staff",
	"A friend who has not met us yet",
};

static const char *const press_things[] = {
	"radio interview", "newspaper feature", "television segment",
	"podcast episode", "opinion column", "public forum broadcast",
};
static const char *const press_titles[] = {
	"The %T Highlights Our Work With %G in %P",
	"Our %T on How %G in %P Are Getting By",
	"Catch Up on Our %T About %G in %P",
	"From the %T: What %G in %P Told Us This %S",
	"%G in %P Featured in a New %T",
};
static const char *const press_openers[] = {
	"Our executive director sat down for a %T this %S to talk about "
	    "what %G in %P are facing.",
	"A recent %T put a spotlight on the neighbors we serve, and we are "
	    "grateful for the careful reporting.",
	"Several of you asked where to find the %T that came out last "
	    "week, so we have gathered the details here.",
};
static const char *const press_details[] = {
	"The reporter spent two full days at %H, talking with staff, "
	    "volunteers and the people who walk through our doors.",
	"We were especially glad the story made room for the voices of %G "
	    "themselves.",
	"Coverage like this often brings a wave of new volunteers, and we "
	    "are ready for them.",
	"If a journalist contacts you about our programs, our "
	    "communications team is happy to help with background.",
	"Every figure quoted came from our most recent annual report, "
	    "which is on this site.",
};
static const char *const press_items[] = {
	"The Valley Courier weekend edition",
	"Tessaly Public Radio, Sunday mornings",
	"Our own newsletter archive",
	"The local news shelf at the Brindlewood Public Library",
};

static const char *const family_things[] = {
	"family navigator program", "diaper bank",
	"after-school tutoring club", "grocery card program",
	"child care subsidy clinic", "family game night",
	"school supply closet", "kinship care circle", "car seat check",
	"tax help clinic",
};
static const char *const family_titles[] = {
	"How the %T Helps %G in %P",
	"New %S Hours for the %T at %H",
	"%N Questions %G Ask About the %T",
	"The %T Expands to %P This %S",
	"A %S Guide to the %T for %G",
};
static const char *const family_openers[] = {
	"Raising a family in the Tessaly valley takes a village, and the "
	    "%T is one of the ways we try to be part of it.",
	"Since it opened, the %T has quietly become one of our busiest "
	    "services for %G.",
	"Starting this %S, the %T will be available to %G in %P as well.",
	"Parents tell us the hardest part of asking for help is knowing "
	    "where to start, so here is a plain guide to the %T.",
};
static const char *const family_details[] = {
	"There is no income test for most of what we offer; if you need "
	    "it, you qualify.",
	"Our family navigators can sit with you and work through school "
	    "forms, benefit letters or a budget.",
	"Everything you share with us stays private unless you ask us to "
	    "pass it along.",
	"Appointments are encouraged, but walk-ins are welcome every "
	    "weekday morning at %H.",
	"Interpreters are available at no cost, and so is child care "
	    "during appointments.",
	"We work closely with the %A so that families do not have to tell "
	    "their story twice.",
};
static const char *const family_items[] = {
	"Parents and guardians living in Harrow County",
	"Grandparents and relatives raising children",
	"Foster and adoptive families",
	"Expecting parents",
	"Families new to the area",
};

static const char *const parenting_things[] = {
	"bedtime routines", "screen time", "picky eating", "homework battles",
	"sibling squabbles", "first-day jitters", "teen sleep",
	"toddler tantrums", "summer boredom", "money talks with kids",
};
static const char *const parenting_titles[] = {
	"Parenting Corner: %G on Making Peace With %T",
	"%N Small Ideas for %T From %G in %P",
	"What %G in Our %P Workshop Say About %T",
	"%T: A %S Check-In for %G",
	"Ask a Parent Coach, %M %Y: %T",
};
static const char *const parenting_openers[] = {
	"Few topics come up in our parent workshops as often as %T.",
	"If %T has become a daily struggle in your house, you are in very "
	    "good company.",
	"Our parent coaches gathered a few ideas about %T that %G have "
	    "found useful.",
	"This %S we asked %G in our workshops what helps most with %T.",
};
static const char *const parenting_details[] = {
	"Nothing here is a rule, and every family will adapt these ideas "
	    "to its own rhythm.",
	"Small, predictable steps usually work better than big "
	    "announcements.",
	"Children notice how adults handle stress, so taking care of "
	    "yourself counts as parenting too.",
	"When something is not working after a couple of weeks, it is fine "
	    "to try a different approach.",
	"Our free workshops at %H are a good place to swap ideas with "
	    "other parents.",
};
static const char *const parenting_items[] = {
	"Pick one change and keep it for seven days",
	"Name the feeling before solving the problem",
	"Give a five-minute warning before transitions",
	"Let children choose between two good options",
	"End the day with one thing that went well",
};

static const char *const housing_things[] = {
	"rental assistance fund", "eviction prevention clinic",
	"home repair program", "first-time buyer class",
	"tenant rights workshop", "heating help line",
	"utility shutoff hotline", "housing search service",
	"ramp building project", "weatherization crew",
};
static const char *const housing_titles[] = {
	"The %T Reopens for %G in %P",
	"How the %T Kept %K Households Housed in %Y",
	"Behind the Scenes With the %T in %P",
	"%S %Y Deadlines for the %T",
	"What %G in %P Should Know About the %T",
};
static const char *const housing_openers[] = {
	"A safe, stable home makes everything else possible, which is why "
	    "the %T matters so much to us.",
	"Our housing counselors have seen demand for the %T climb steadily "
	    "among %G in %P.",
	"Applications for the %T open again this %S, and we want you to "
	    "hear about it early.",
	"Last %S the %T helped more than %K households stay in their "
	    "homes.",
};
static const char *const housing_details[] = {
	"Help is usually a one-time payment sent straight to the landlord "
	    "or utility company.",
	"You will need a photo ID, a copy of your lease and any notice you "
	    "have received.",
	"Counselors can also help you talk with your landlord before a "
	    "small problem becomes a big one.",
	"Funding is limited, so anyone who is behind on rent should call "
	    "us sooner rather than later.",
	"The program is supported by Harrow County and by dozens of "
	    "individual donors.",
	"Our volunteer crews can fix a leaking roof, a broken step or a "
	    "drafty window in a single weekend.",
};
static const char *const housing_items[] = {
	"Gather your most recent pay stubs or benefit letters",
	"Bring your lease or mortgage statement",
	"Write down how much you owe and to whom",
	"Make a list of questions for your counselor",
	"Tell us if you would like an interpreter",
};

static const char *const health_things[] = {
	"mobile clinic", "flu shot day", "blood pressure screening",
	"dental van", "insurance enrollment desk",
	"community health worker program", "vision screening",
	"diabetes support group", "walking group",
	"mental health first aid class",
};
static const char *const health_titles[] = {
	"The %T Comes to %P This %S",
	"Free %T for %G in %P",
	"Meet the Team Behind the %T at %H",
	"%N Reasons %G Try the %T",
	"Why %G in %P Are Signing Up for the %T",
};
static const char *const health_openers[] = {
	"Good health starts close to home, so the %T is coming to %P this "
	    "%S.",
	"Our nurses and community health workers run the %T with one goal: "
	    "nobody should skip care because of cost or distance.",
	"For many %G, the %T is the first health visit they have had in "
	    "years.",
	"We are teaming up with the %A to bring the %T within walking "
	    "distance of more neighbors.",
};
static const char *const health_details[] = {
	"No insurance is required, and nobody is asked for payment at the "
	    "door.",
	"Bring a list of any medicines you take, including vitamins and "
	    "supplements.",
	"If you need a follow-up visit, our staff will help you book it "
	    "before you leave.",
	"Results are shared only with you and, if you wish, with your own "
	    "doctor.",
	"Rides are available for anyone who cannot get there on their own.",
};
static const char *const health_items[] = {
	"A short, private conversation about your health",
	"Basic checks such as blood pressure and weight",
	"Referrals to low-cost clinics nearby",
	"Help signing up for coverage",
	"Healthy snacks and water",
};

static const char *const habits_things[] = {
	"winter walking", "eating well on a budget", "staying cool in the heat",
	"better sleep", "stretching at your desk", "managing stress",
	"cooking with beans", "keeping medicines organized",
	"fall prevention at home", "protecting your hearing",
};
static const char *const habits_titles[] = {
	"Healthy Habits, %M %Y: %T",
	"%N Simple Tips for %T From Our %P Nurses",
	"A %S Guide to %T for %G",
	"What Our Nurses Tell %G in %P About %T",
	"%T for %G: A Note From %H",
};
static const char *const habits_openers[] = {
	"Small habits add up, and %T is an easy place to start.",
	"Our community health workers are asked about %T all the time, "
	    "especially in %S.",
	"You do not need a gym membership or a special diet to make "
	    "progress with %T.",
	"%G tell us that %T is one of the hardest habits to keep, so here "
	    "are a few ideas that help.",
};
static const char *const habits_details[] = {
	"Start with one change and give it a few weeks before adding "
	    "another.",
	"Checking in with a friend or neighbor makes new habits much easier "
	    "to keep.",
	"If you have a health condition, talk with your doctor before "
	    "making big changes.",
	"Our free classes at %H cover this topic in more depth every month.",
	"Most of these ideas cost nothing at all.",
};
static const char *const habits_items[] = {
	"Set a reminder on your phone",
	"Keep a glass of water where you can see it",
	"Take a short walk after meals",
	"Write down one goal for the week",
	"Share your plan with someone you trust",
};

static const char *const elder_things[] = {
	"chair yoga class", "memoir writing group", "shared lunch program",
	"computer help hour", "ride program", "garden club",
	"card tournament", "grandparent storytime", "balance class",
	"music afternoon",
};
static const char *const elder_titles[] = {
	"Elder Circle Adds a New %T for %S %Y",
	"Inside the %T at %H, %M %Y",
	"Why Members From %P Love the %T",
	"The %T Welcomes %G From %P",
	"%S %Y Schedule for the %T",
};
static const char *const elder_openers[] = {
	"The %T has become one of the liveliest hours of the week at Elder "
	    "Circle.",
	"Members asked for a new %T, and starting this %S we are delighted "
	    "to offer one.",
	"Ask anyone at Elder Circle about the %T and you will hear a story "
	    "or two.",
	"Staying connected matters at every age, and the %T gives older "
	    "neighbors in %P one more reason to get out of the house.",
};
static const char *const elder_details[] = {
	"Elder Circle is open to anyone over sixty, and membership is free.",
	"Our drivers can pick you up at home and bring you back afterward.",
	"Coffee is always on, and the lunch menu is posted at the front "
	    "desk each Monday.",
	"Caregivers are welcome to join in, or to take a well-earned hour "
	    "for themselves.",
	"Sessions are led by trained volunteers, several of them members "
	    "themselves.",
};
static const char *const elder_items[] = {
	"Tuesday morning walking club",
	"Wednesday shared lunch",
	"Thursday afternoon crafts",
	"Friday film matinee",
	"Monthly birthday celebration",
};

static const char *const volunteer_things[] = {
	"pantry shift", "reading buddy program", "meal delivery route",
	"tax prep team", "friendly phone call program", "repair crew",
	"garden day", "welcome desk", "mentoring program",
	"holiday gift drive",
};
static const char *const volunteer_titles[] = {
	"Volunteers Needed for the %T in %P",
	"A %S Morning With the %T in %P",
	"%N Reasons %G Join the %T",
	"Thank You to the %Y %T Volunteers in %P",
	"The %T in %P Is Looking for %G",
};
static const char *const volunteer_openers[] = {
	"Our %T runs on the generosity of volunteers, and this %S we need "
	    "a few more hands.",
	"Spending a morning on the %T is one of the quickest ways to meet "
	    "your neighbors.",
	"Volunteers on the %T gave more than %K hours last year, and it "
	    "showed.",
	"We are looking for %G who can spare a couple of hours a month for "
	    "the %T.",
};
static const char *const volunteer_details[] = {
	"No experience is needed; we provide a short orientation and pair "
	    "every newcomer with a regular.",
	"Shifts are flexible, and many volunteers come once a month.",
	"Volunteers must be at least sixteen, or fourteen with a parent or "
	    "guardian.",
	"A simple background check is required for roles that involve "
	    "children or home visits.",
	"Groups from workplaces, schools and congregations are always "
	    "welcome.",
};
static const char *const volunteer_items[] = {
	"Fill in the short form on our Volunteer page",
	"Choose a shift that fits your week",
	"Attend a one-hour orientation",
	"Show up, and we will take it from there",
};

static const char *const policy_things[] = {
	"county budget", "regional transit plan",
	"affordable housing ordinance", "heating assistance bill",
	"school meal program", "state Medicaid renewal process",
	"zoning review", "minimum wage proposal", "rural broadband plan",
	"library funding measure",
};
static const char *const policy_titles[] = {
	"Policy Watch: The %T and %G in %P",
	"What the %T Means for %G in %P",
	"%M %Y: Speak Up on the %T",
	"Our %S %Y Testimony on the %T",
	"%N Things %G Should Know About the %T",
};
static const char *const policy_openers[] = {
	"Decisions made at the statehouse and the county building shape "
	    "daily life for the people we serve, and the %T is no "
	    "exception.",
	"This %S our staff testified on the %T, drawing on what %G tell us "
	    "every day.",
	"The %T is moving quickly, and %G in %P stand to be affected more "
	    "than most.",
	"We do not endorse candidates, but we do speak up when a proposal "
	    "like the %T touches the neighbors we serve.",
};
static const char *const policy_details[] = {
	"Public comment is open for several more weeks, and every letter "
	    "is read.",
	"You do not have to be an expert to speak up; personal stories are "
	    "often the most persuasive.",
	"We have prepared a one-page summary that you can share with "
	    "friends and family.",
	"Our full comments are available at the front desk of every hub.",
	"As a nonpartisan organization, we share information so that "
	    "neighbors can decide for themselves.",
};
static const char *const policy_items[] = {
	"Call or write to your county commissioner",
	"Attend the next public hearing",
	"Share your own experience in a short letter",
	"Talk with neighbors about what is at stake",
};

static const char *const stories_things[] = {
	"a retired bus driver", "a young mother of three", "a veteran",
	"a high school senior", "a grandmother raising two boys",
	"a night-shift nurse", "a newly arrived family", "a widowed farmer",
	"a single father", "a college student", "a retired machinist",
	"a former cook", "a couple in their eighties", "a teenage caregiver",
};
static const char *const stories_titles[] = {
	"Neighbor Stories, %Y: %T From %P",
	"How %T in %P Found a Way Forward",
	"Meet %T From %P Who Now Volunteers With Us",
	"A %S to Remember for %T in %P",
	"%T in %P Shares a Story of Starting Over",
};
static const char *const stories_openers[] = {
	"When %T from %P first walked into %H, the rent was late and the "
	    "refrigerator was nearly empty.",
	"Every neighbor has a story, and this %S we had the privilege of "
	    "hearing from %T in %P.",
	"It took courage for %T to ask for help, and it changed the year "
	    "that followed.",
	"%T from %P agreed to share this story in the hope that someone "
	    "else will reach out sooner.",
};
static const char *const stories_details[] = {
	"With a little help on rent and a lot of persistence, things slowly "
	    "began to turn around.",
	"A family navigator helped sort out paperwork that had been piling "
	    "up for months.",
	"Today the household is steady, and the children are back in their "
	    "after-school routines.",
	"These days the same neighbor stops by on Saturdays to help stock "
	    "the pantry shelves.",
	"Names and some details have been changed to protect privacy.",
};
static const char *const stories_items[] = {
	"Someone who listened without judging",
	"Help with a single overdue bill",
	"A ride to an important appointment",
	"A warm meal in a hard week",
	"A follow-up phone call a month later",
};

/* One topic per category, in enum demo_cat order: the oldest generated
 * posts take them in turn so that every category gets a post. */
static const struct demo_topic demo_topics[CAT__MAX] = {
	[CAT_NEWS] = { CAT_NEWS, USER_CORINNE,
	    { CAT_GATHERINGS, CAT_STORIES, CAT_PRESS }, 12,
	    POOL(news_things), POOL(news_titles), POOL(news_openers),
	    POOL(news_details), "What changes, and what stays the same",
	    POOL(news_items) },
	[CAT_GATHERINGS] = { CAT_GATHERINGS, USER_FELIX,
	    { CAT_NEWS, CAT_VOLUNTEER, CAT_ELDER }, 12,
	    POOL(gather_things), POOL(gather_titles), POOL(gather_openers),
	    POOL(gather_details), "What to bring", POOL(gather_items) },
	[CAT_PRESS] = { CAT_PRESS, USER_CORINNE,
	    { CAT_NEWS, CAT_POLICY, CAT_STORIES }, 3,
	    POOL(press_things), POOL(press_titles), POOL(press_openers),
	    POOL(press_details), "Where to find it", POOL(press_items) },
	[CAT_FAMILY] = { CAT_FAMILY, USER_PRIYA,
	    { CAT_PARENTING, CAT_STORIES, CAT_HOUSING }, 11,
	    POOL(family_things), POOL(family_titles), POOL(family_openers),
	    POOL(family_details), "Who can use it", POOL(family_items) },
	[CAT_PARENTING] = { CAT_PARENTING, USER_PRIYA,
	    { CAT_FAMILY, CAT_HABITS, CAT_NONE }, 8,
	    POOL(parenting_things), POOL(parenting_titles),
	    POOL(parenting_openers), POOL(parenting_details),
	    "Ideas to try this week", POOL(parenting_items) },
	[CAT_HOUSING] = { CAT_HOUSING, USER_DESMOND,
	    { CAT_POLICY, CAT_STORIES, CAT_FAMILY }, 10,
	    POOL(housing_things), POOL(housing_titles),
	    POOL(housing_openers), POOL(housing_details),
	    "Before your appointment", POOL(housing_items) },
	[CAT_HEALTH] = { CAT_HEALTH, USER_CORINNE,
	    { CAT_HABITS, CAT_ELDER, CAT_NONE }, 9,
	    POOL(health_things), POOL(health_titles), POOL(health_openers),
	    POOL(health_details), "At the visit", POOL(health_items) },
	[CAT_HABITS] = { CAT_HABITS, USER_RUTH,
	    { CAT_HEALTH, CAT_ELDER, CAT_PARENTING }, 8,
	    POOL(habits_things), POOL(habits_titles), POOL(habits_openers),
	    POOL(habits_details), "Easy ways to begin", POOL(habits_items) },
	[CAT_ELDER] = { CAT_ELDER, USER_RUTH,
	    { CAT_HEALTH, CAT_GATHERINGS, CAT_VOLUNTEER }, 8,
	    POOL(elder_things), POOL(elder_titles), POOL(elder_openers),
	    POOL(elder_details), "Also on the calendar", POOL(elder_items) },
	[CAT_VOLUNTEER] = { CAT_VOLUNTEER, USER_FELIX,
	    { CAT_GATHERINGS, CAT_STORIES, CAT_NEWS }, 9,
	    POOL(volunteer_things), POOL(volunteer_titles),
	    POOL(volunteer_openers), POOL(volunteer_details),
	    "How to sign up", POOL(volunteer_items) },
	[CAT_POLICY] = { CAT_POLICY, USER_DESMOND,
	    { CAT_HOUSING, CAT_HEALTH, CAT_NEWS }, 5,
	    POOL(policy_things), POOL(policy_titles), POOL(policy_openers),
	    POOL(policy_details), "How to make your voice heard",
	    POOL(policy_items) },
	[CAT_STORIES] = { CAT_STORIES, USER_CORINNE,
	    { CAT_FAMILY, CAT_HOUSING, CAT_VOLUNTEER }, 7,
	    POOL(stories_things), POOL(stories_titles),
	    POOL(stories_openers), POOL(stories_details),
	    "What made the difference", POOL(stories_items) },
};

/* ------------------------------------------------------------------ */
/* The writer. */

#define SQL_BEGIN	"BEGIN IMMEDIATE"
#define SQL_COMMIT	"COMMIT"
#define SQL_ROLLBACK	"ROLLBACK"

#define SQL_SITE_UPDATE \
	"UPDATE site SET title = ?1, tagline = ?2, mission = ?3, " \
	"vision = ?4, contact_email = ?5, copyright_holder = ?6, " \
	"posts_per_page = ?7, timezone = ?8 WHERE id = 1"
#define SQL_FOOTER_INSERT \
	"INSERT INTO footer_link (position, label, url) VALUES (?1, ?2, ?3)"
#define SQL_USER_INSERT \
	"INSERT INTO user (slug, display_name, email, bio, created_at) " \
	"VALUES (?1, ?2, ?3, ?4, ?5)"
#define SQL_CATEGORY_INSERT \
	"INSERT INTO category (parent_id, slug, name, description) " \
	"VALUES (?1, ?2, ?3, ?4)"
#define SQL_PAGE_INSERT \
	"INSERT INTO page (parent_id, slug, title, body_html, excerpt, " \
	"status, position, author_id, published_at, updated_at, " \
	"body_text) " \
	"VALUES (?1, ?2, ?3, ?4, ?5, 'published', ?6, ?7, ?8, ?9, ?10)"
/*
 * Posts are staged in temporary tables and moved into post by one
 * statement per DEMO_BATCH posts. SQLite 3.40's FTS5 writes its pending
 * terms out at the start of every statement that can roll back alone,
 * so one INSERT per post made one tiny index segment per post, and the
 * search triggers cost three times the rest of the generation.
 */
#define SQL_STAGE_CREATE \
	"CREATE TEMP TABLE demo_post (id INTEGER PRIMARY KEY, " \
	"slug TEXT NOT NULL UNIQUE, title, body_html, excerpt, status, " \
	"author_id, published_at, updated_at, body_text);" \
	"CREATE TEMP TABLE demo_post_category (post_id, category_id);" \
	"CREATE TEMP TABLE demo_post_tag (post_id, tag_id)"
#define SQL_STAGE_DROP \
	"DROP TABLE IF EXISTS temp.demo_post;" \
	"DROP TABLE IF EXISTS temp.demo_post_category;" \
	"DROP TABLE IF EXISTS temp.demo_post_tag"
#define SQL_POST_INSERT \
	"INSERT INTO temp.demo_post (id, slug, title, body_html, excerpt, " \
	"status, author_id, published_at, updated_at, body_text) " \
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
#define SQL_POST_SLUG_TAKEN \
	"SELECT 1 FROM post WHERE slug = ?1 " \
	"UNION ALL SELECT 1 FROM temp.demo_post WHERE slug = ?1"
#define SQL_POST_CATEGORY_INSERT \
	"INSERT INTO temp.demo_post_category (post_id, category_id) " \
	"VALUES (?1, ?2)"
#define SQL_POST_TAG_INSERT \
	"INSERT INTO temp.demo_post_tag (post_id, tag_id) VALUES (?1, ?2)"
#define SQL_TAG_INSERT \
	"INSERT INTO tag (slug, name, description) VALUES (?1, ?2, ?3)"
#define SQL_POST_NEXT_ID \
	"SELECT coalesce(max(id), 0) + 1 FROM post"
#define SQL_POST_MOVE \
	"INSERT INTO post (id, slug, title, body_html, excerpt, status, " \
	"author_id, published_at, updated_at, body_text) " \
	"SELECT id, slug, title, body_html, excerpt, status, author_id, " \
	"published_at, updated_at, body_text FROM temp.demo_post ORDER BY id"
#define SQL_POST_CATEGORY_MOVE \
	"INSERT INTO post_category (post_id, category_id) " \
	"SELECT post_id, category_id FROM temp.demo_post_category"
#define SQL_POST_TAG_MOVE \
	"INSERT INTO post_tag (post_id, tag_id) " \
	"SELECT post_id, tag_id FROM temp.demo_post_tag"
#define SQL_STAGE_CLEAR \
	"DELETE FROM temp.demo_post"
#define SQL_STAGE_CATEGORY_CLEAR \
	"DELETE FROM temp.demo_post_category"
#define SQL_STAGE_TAG_CLEAR \
	"DELETE FROM temp.demo_post_tag"
#define SQL_NAV_INSERT \
	"INSERT INTO nav_item (menu, parent_id, position, label, target, " \
	"page_id, category_id, post_id, url) " \
	"VALUES ('primary', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

enum demo_stmt {
	ST_SITE,
	ST_FOOTER,
	ST_USER,
	ST_CATEGORY,
	ST_PAGE,
	ST_POST,
	ST_SLUG,
	ST_POST_CATEGORY,
	ST_POST_TAG,
	ST_TAG,
	ST_NEXT_ID,
	ST_MOVE,
	ST_MOVE_CATEGORY,
	ST_MOVE_TAG,
	ST_CLEAR,
	ST_CLEAR_CATEGORY,
	ST_CLEAR_TAG,
	ST_NAV,
	ST__MAX
};

static const struct {
	const char	*name;		/* for the log */
	const char	*sql;
} demo_stmts[ST__MAX] = {
	[ST_SITE] =		{ "site settings", SQL_SITE_UPDATE },
	[ST_FOOTER] =		{ "footer link", SQL_FOOTER_INSERT },
	[ST_USER] =		{ "user", SQL_USER_INSERT },
	[ST_CATEGORY] =		{ "category", SQL_CATEGORY_INSERT },
	[ST_PAGE] =		{ "page", SQL_PAGE_INSERT },
	[ST_POST] =		{ "post", SQL_POST_INSERT },
	[ST_SLUG] =		{ "post slug lookup", SQL_POST_SLUG_TAKEN },
	[ST_POST_CATEGORY] =	{ "post category", SQL_POST_CATEGORY_INSERT },
	[ST_POST_TAG] =		{ "post tag", SQL_POST_TAG_INSERT },
	[ST_TAG] =		{ "tag", SQL_TAG_INSERT },
	[ST_NEXT_ID] =		{ "next post id", SQL_POST_NEXT_ID },
	[ST_MOVE] =		{ "posts", SQL_POST_MOVE },
	[ST_MOVE_CATEGORY] =	{ "post categories", SQL_POST_CATEGORY_MOVE },
	[ST_MOVE_TAG] =		{ "post tags", SQL_POST_TAG_MOVE },
	[ST_CLEAR] =		{ "staged posts", SQL_STAGE_CLEAR },
	[ST_CLEAR_CATEGORY] =	{ "staged categories", SQL_STAGE_CATEGORY_CLEAR },
	[ST_CLEAR_TAG] =	{ "staged tags", SQL_STAGE_TAG_CLEAR },
	[ST_NAV] =		{ "menu item", SQL_NAV_INSERT },
};

struct demo {
	sqlite3		*db;
	int64_t		 now;
	uint64_t	 rng;		/* splitmix64 state */
	sqlite3_stmt	*st[ST__MAX];
	int64_t		 user_id[USER__MAX];
	int64_t		 cat_id[CAT__MAX];
	int64_t		 page_id[PG__MAX];
	int64_t		 fixed_id[FIX__MAX];	/* 0: not created */
	int64_t		 place_tag[NITEMS(demo_places)];
	int64_t		 partner_tag[NITEMS(demo_partners)];
	int64_t		 next_id;	/* of the next post staged */
	int		 staged;	/* posts in temp.demo_post */
	struct buf	 slug;
	struct buf	 title;
	struct buf	 body;		/* HTML */
	struct buf	 body_text;	/* body's text to index (search_text) */
	struct buf	 excerpt;	/* plain text */
	struct buf	 text;		/* scratch, plain text */
};

/* What one generated post talks about; fixed before any text is made. */
struct demo_ctx {
	const struct demo_topic	*topic;
	const char		*thing;
	const char		*place;
	const char		*group;
	const char		*hub;
	const char		*partner;
	int64_t			 year;
	unsigned		 month;		/* 1-12 */
	int64_t			 event_day;	/* %D, days since 1970-01-01 */
	unsigned		 small;		/* %N */
	unsigned		 count;		/* %K */
};

/* A month of history that posts may fall in: [start, end). */
struct demo_month {
	int64_t		 start;
	int64_t		 end;
	double		 cum;		/* cumulative weight up to here */
};

static uint64_t
demo_rand(struct demo *d)
{
	uint64_t	 z;

	z = (d->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0; the modulo bias is irrelevant here. */
static uint64_t
demo_below(struct demo *d, uint64_t n)
{
	return demo_rand(d) % n;
}

/* Uniform in [0, 1). */
static double
demo_unit(struct demo *d)
{
	return (double)(demo_rand(d) >> 11) * (1.0 / 9007199254740992.0);
}

static const char *
demo_pick(struct demo *d, const char *const *a, size_t n)
{
	return a[demo_below(d, n)];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
demo_days_from_civil(int64_t y, unsigned m, unsigned day)
{
	int64_t		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
demo_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *day)
{
	int64_t		 era;
	unsigned	 doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t
demo_day_of(int64_t t)
{
	return t / DAY - (t % DAY < 0);
}

/*
 * Step statement "which", whose parameters the caller has bound ("bound"
 * is false if any bind failed), expecting no row; then reset it for the
 * next use. On success stores the new rowid in "id" unless NULL.
 */
static enum folio_err
demo_run(struct demo *d, enum demo_stmt which, int bound, int64_t *id)
{
	sqlite3_stmt	*st = d->st[which];
	enum folio_err	 rc = FOLIO_OK;

	if (!bound) {
		log_err("demo: binding %s: %s", demo_stmts[which].name,
		    sqlite3_errmsg(d->db));
		rc = FOLIO_ERR_DB;
	} else if (sqlite3_step(st) != SQLITE_DONE) {
		log_err("demo: writing %s: %s", demo_stmts[which].name,
		    sqlite3_errmsg(d->db));
		rc = FOLIO_ERR_DB;
	} else if (id != NULL)
		*id = sqlite3_last_insert_rowid(d->db);
	/* Both repeat a step error already logged above. */
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
	return rc;
}

static int
demo_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) == SQLITE_OK;
}

static int
demo_bind_buf(sqlite3_stmt *st, int i, const struct buf *b)
{
	return sqlite3_bind_text(st, i, b->len ? b->data : "", (int)b->len,
	    SQLITE_STATIC) == SQLITE_OK;
}

static int
demo_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(st, i, v) == SQLITE_OK;
}

/* Bind a row id, or NULL for 0. */
static int
demo_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == 0)
		return sqlite3_bind_null(st, i) == SQLITE_OK;
	return sqlite3_bind_int64(st, i, id) == SQLITE_OK;
}

static enum folio_err
demo_site(struct demo *d)
{
	sqlite3_stmt	*st = d->st[ST_SITE];
	enum folio_err	 rc;
	size_t		 i;

	rc = demo_run(d, ST_SITE,
	    demo_bind_text(st, 1, DEMO_SITE_TITLE) &&
	    demo_bind_text(st, 2, DEMO_SITE_TAGLINE) &&
	    demo_bind_text(st, 3, DEMO_SITE_MISSION) &&
	    demo_bind_text(st, 4, DEMO_SITE_VISION) &&
	    demo_bind_text(st, 5, DEMO_SITE_EMAIL) &&
	    demo_bind_text(st, 6, DEMO_SITE_HOLDER) &&
	    demo_bind_int(st, 7, DEMO_POSTS_PER_PAGE) &&
	    demo_bind_text(st, 8, DEMO_SITE_TZ), NULL);
	if (rc != FOLIO_OK)
		return rc;
	if (sqlite3_changes(d->db) != 1) {
		log_err("demo: the site settings row is missing");
		return FOLIO_ERR_DB;
	}

	st = d->st[ST_FOOTER];
	for (i = 0; i < NITEMS(demo_footer); i++) {
		rc = demo_run(d, ST_FOOTER,
		    demo_bind_int(st, 1, (int64_t)i) &&
		    demo_bind_text(st, 2, demo_footer[i].label) &&
		    demo_bind_text(st, 3, demo_footer[i].url), NULL);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

static int64_t
demo_user_since(const struct demo *d, int user)
{
	return d->now - (int64_t)demo_authors[user].days_ago * DAY;
}

static enum folio_err
demo_users(struct demo *d)
{
	sqlite3_stmt		 *st = d->st[ST_USER];
	const struct demo_author *a;
	enum folio_err		  rc;
	int			  i;

	for (i = 0; i < USER__MAX; i++) {
		a = &demo_authors[i];
		rc = demo_run(d, ST_USER,
		    demo_bind_text(st, 1, a->slug) &&
		    demo_bind_text(st, 2, a->name) &&
		    demo_bind_text(st, 3, a->email) &&
		    demo_bind_text(st, 4, a->bio) &&
		    demo_bind_int(st, 5, demo_user_since(d, i)),
		    &d->user_id[i]);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

static enum folio_err
demo_categories_add(struct demo *d)
{
	sqlite3_stmt			*st = d->st[ST_CATEGORY];
	const struct demo_category	*c;
	enum folio_err			 rc;
	int				 i;

	for (i = 0; i < CAT__MAX; i++) {
		c = &demo_categories[i];
		rc = demo_run(d, ST_CATEGORY,
		    demo_bind_id(st, 1,
			c->parent == CAT_NONE ? 0 : d->cat_id[c->parent]) &&
		    demo_bind_text(st, 2, c->slug) &&
		    demo_bind_text(st, 3, c->name) &&
		    demo_bind_text(st, 4, c->description), &d->cat_id[i]);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

/* Published ten years ago, a few days apart, edited some time since. */
static enum folio_err
demo_pages_add(struct demo *d)
{
	sqlite3_stmt			*st = d->st[ST_PAGE];
	const struct demo_page_src	*p;
	enum folio_err			 rc;
	int64_t				 pub, upd;
	int				 i, j, pos;

	for (i = 0; i < PG__MAX; i++) {
		p = &demo_pages[i];
		for (pos = 0, j = 0; j < i; j++)
			if (demo_pages[j].parent == p->parent)
				pos++;
		pub = d->now - 3640 * (int64_t)DAY + i * 2 * (int64_t)DAY +
		    15 * 3600;
		upd = pub + (int64_t)demo_below(d, 1500 * (uint64_t)DAY);
		if (upd > d->now)
			upd = d->now;
		buf_reset(&d->body);
		buf_puts(&d->body, "<p>");
		html_text(&d->body, p->excerpt, strlen(p->excerpt));
		buf_puts(&d->body, "</p>\n");
		buf_puts(&d->body, p->rest_html);
		buf_reset(&d->body_text);
		search_text(&d->body_text, d->body.data);
		rc = demo_run(d, ST_PAGE,
		    demo_bind_id(st, 1,
			p->parent == PG_NONE ? 0 : d->page_id[p->parent]) &&
		    demo_bind_text(st, 2, p->slug) &&
		    demo_bind_text(st, 3, p->title) &&
		    demo_bind_buf(st, 4, &d->body) &&
		    demo_bind_text(st, 5, p->excerpt) &&
		    demo_bind_int(st, 6, pos) &&
		    demo_bind_int(st, 7, d->user_id[USER_CORINNE]) &&
		    demo_bind_int(st, 8, pub) &&
		    demo_bind_int(st, 9, upd) &&
		    demo_bind_buf(st, 10, &d->body_text), &d->page_id[i]);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

static enum folio_err
demo_menu_add(struct demo *d)
{
	sqlite3_stmt		*st = d->st[ST_NAV];
	const struct demo_nav	*n;
	static const char *const kinds[] = {
		[NAV_PAGE] = "page", [NAV_CATEGORY] = "category",
		[NAV_POST] = "post", [NAV_URL] = "url",
	};
	int64_t			 last[DEMO_NAV_DEPTH] = { 0 };
	int64_t			 page, cat, post, id;
	int			 pos[DEMO_NAV_DEPTH] = { 0 };
	enum folio_err		 rc;
	size_t			 i;

	for (i = 0; i < NITEMS(demo_menu); i++) {
		n = &demo_menu[i];
		page = n->kind == NAV_PAGE ? d->page_id[n->ref] : 0;
		cat = n->kind == NAV_CATEGORY ? d->cat_id[n->ref] : 0;
		post = n->kind == NAV_POST ? d->fixed_id[n->ref] : 0;
		if (n->kind == NAV_POST && post == 0)
			continue;	/* too few posts asked for */
		rc = demo_run(d, ST_NAV,
		    demo_bind_id(st, 1, n->depth ? last[n->depth - 1] : 0) &&
		    demo_bind_int(st, 2, pos[n->depth]) &&
		    demo_bind_text(st, 3, n->label) &&
		    demo_bind_text(st, 4, kinds[n->kind]) &&
		    demo_bind_id(st, 5, page) &&
		    demo_bind_id(st, 6, cat) &&
		    demo_bind_id(st, 7, post) &&
		    (n->kind == NAV_URL ? demo_bind_text(st, 8, n->url) :
		    sqlite3_bind_null(st, 8) == SQLITE_OK), &id);
		if (rc != FOLIO_OK)
			return rc;
		last[n->depth] = id;
		pos[n->depth]++;
		if (n->depth + 1 < DEMO_NAV_DEPTH)
			pos[n->depth + 1] = 0;
	}
	return FOLIO_OK;
}

/* ------------------------------------------------------------------ */
/* Post text. */

static void
demo_expand(struct buf *out, const char *pat, const struct demo_ctx *c)
{
	const char	*p;
	int64_t		 y;
	unsigned	 m, day;

	for (p = pat; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			buf_putc(out, *p);
			continue;
		}
		switch (*++p) {
		case 'T':
			buf_puts(out, c->thing);
			break;
		case 'P':
			buf_puts(out, c->place);
			break;
		case 'G':
			buf_puts(out, c->group);
			break;
		case 'H':
			buf_puts(out, c->hub);
			break;
		case 'A':
			buf_puts(out, c->partner);
			break;
		case 'S':
			buf_puts(out, demo_seasons[c->month - 1]);
			break;
		case 'M':
			buf_puts(out, demo_months[c->month - 1]);
			break;
		case 'Y':
			buf_printf(out, "%lld", (long long)c->year);
			break;
		case 'D':
			demo_civil_from_days(c->event_day, &y, &m, &day);
			buf_printf(out, "%s, %s %u",
			    demo_weekdays[((c->event_day % 7) + 7) % 7],
			    demo_months[m - 1], day);
			break;
		case 'N':
			buf_printf(out, "%u", c->small);
			break;
		case 'K':
			buf_printf(out, "%u", c->count);
			break;
		default:
			buf_putc(out, *p);
			break;
		}
	}
}

static void
demo_upcase(char *s)
{
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
}

/* Append one sentence from pattern "pat", starting with a capital. */
static void
demo_sentence(struct buf *out, const char *pat, const struct demo_ctx *c)
{
	size_t	 start = out->len;

	demo_expand(out, pat, c);
	if (out->len > start)
		demo_upcase(out->data + start);
}

static int
demo_small_word(const char *w, size_t len)
{
	static const char *const small[] = {
		"a", "an", "and", "as", "at", "but", "by", "for", "in", "of",
		"on", "or", "the", "to", "with",
	};
	size_t	 i;

	for (i = 0; i < NITEMS(small); i++)
		if (strlen(small[i]) == len && memcmp(small[i], w, len) == 0)
			return 1;
	return 0;
}

/* Capitalize each word of a title but the small ones inside it. */
static void
demo_title_case(struct buf *b)
{
	size_t	 i, j;

	for (i = 0; i < b->len; i = j) {
		while (i < b->len && b->data[i] == ' ')
			i++;
		for (j = i; j < b->len && b->data[j] != ' '; j++)
			continue;
		if (j == i)
			break;
		if (i == 0 || (i >= 2 && b->data[i - 2] == ':') ||
		    !demo_small_word(b->data + i, j - i))
			demo_upcase(b->data + i);
	}
}

/*
 * Make d->slug from d->title: lowercase letters and digits, every other
 * run of characters a single hyphen, apostrophes dropped; cut at a
 * hyphen to leave room for a suffix.
 */
static void
demo_slugify(struct demo *d)
{
	const char	*s = d->title.data;
	char		 ch;
	int		 gap = 0;

	buf_reset(&d->slug);
	for (; *s != '\0'; s++) {
		ch = *s;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (gap && d->slug.len > 0)
				buf_putc(&d->slug, '-');
			buf_putc(&d->slug, ch);
			gap = 0;
		} else if (ch != '\'')
			gap = 1;
	}
	if (d->slug.len > DEMO_SLUG_MAX - 12) {
		d->slug.len = DEMO_SLUG_MAX - 12;
		while (d->slug.len > 1 && d->slug.data[d->slug.len] != '-')
			d->slug.len--;
		d->slug.data[d->slug.len] = '\0';
	}
	if (d->slug.len == 0)
		buf_puts(&d->slug, "post");
}

/* Set *taken to whether a post has slug d->slug. */
static enum folio_err
demo_slug_taken(struct demo *d, int *taken)
{
	sqlite3_stmt	*st = d->st[ST_SLUG];
	int		 step;

	if (!demo_bind_buf(st, 1, &d->slug)) {
		log_err("demo: binding %s: %s", demo_stmts[ST_SLUG].name,
		    sqlite3_errmsg(d->db));
		return FOLIO_ERR_DB;
	}
	step = sqlite3_step(st);
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		log_err("demo: %s: %s", demo_stmts[ST_SLUG].name,
		    sqlite3_errmsg(d->db));
		return FOLIO_ERR_DB;
	}
	*taken = step == SQLITE_ROW;
	return FOLIO_OK;
}

/* Make d->slug unused by any post, adding "-2", "-3", ... if need be. */
static enum folio_err
demo_slug_unique(struct demo *d)
{
	enum folio_err	 rc;
	size_t		 base = d->slug.len;
	unsigned	 n = 2;
	int		 taken;

	while ((rc = demo_slug_taken(d, &taken)) == FOLIO_OK && taken) {
		d->slug.len = base;
		buf_printf(&d->slug, "-%u", n++);
	}
	return rc;
}

/* Cut plain text "src" to DEMO_EXCERPT_MAX bytes at a space, into out. */
static void
demo_excerpt(struct buf *out, const char *src, size_t len)
{
	size_t	 cut;

	buf_reset(out);
	if (len <= DEMO_EXCERPT_MAX) {
		buf_append(out, src, len);
		return;
	}
	cut = DEMO_EXCERPT_MAX - 3;
	while (cut > 0 && src[cut] != ' ')
		cut--;
	buf_append(out, src, cut);
	buf_puts(out, "...");
}

static void
demo_para(struct buf *body, const struct buf *text)
{
	buf_puts(body, "<p>");
	html_text(body, text->data, text->len);
	buf_puts(body, "</p>\n");
}

/* Choose k distinct indexes below n (k <= 3 < n) into idx. */
static void
demo_distinct(struct demo *d, size_t n, size_t *idx, size_t k)
{
	size_t	 i, j;

	for (i = 0; i < k; i++) {
		do {
			idx[i] = (size_t)demo_below(d, n);
			for (j = 0; j < i && idx[j] != idx[i]; j++)
				continue;
		} while (j < i);
	}
}

/* Fill d->body and d->excerpt for a post about c. */
static void
demo_compose(struct demo *d, const struct demo_ctx *c)
{
	const struct demo_topic	*tp = c->topic;
	size_t			 det[3], first, i, start, n;

	demo_distinct(d, tp->ndetails, det, 3);
	buf_reset(&d->body);

	/* The opening paragraph, which the excerpt comes from. */
	buf_reset(&d->text);
	demo_sentence(&d->text, demo_pick(d, tp->openers, tp->nopeners), c);
	first = d->text.len;
	buf_putc(&d->text, ' ');
	demo_sentence(&d->text, tp->details[det[0]], c);
	if (d->text.len <= DEMO_EXCERPT_MAX)
		demo_excerpt(&d->excerpt, d->text.data, d->text.len);
	else
		demo_excerpt(&d->excerpt, d->text.data, first);
	demo_para(&d->body, &d->text);

	buf_reset(&d->text);
	demo_sentence(&d->text, tp->details[det[1]], c);
	buf_putc(&d->text, ' ');
	demo_sentence(&d->text, demo_pick(d, demo_logistics,
	    NITEMS(demo_logistics)), c);
	buf_putc(&d->text, ' ');
	demo_sentence(&d->text, tp->details[det[2]], c);
	if (demo_below(d, 2)) {
		buf_putc(&d->text, ' ');
		demo_sentence(&d->text, demo_pick(d, demo_generic,
		    NITEMS(demo_generic)), c);
	}
	demo_para(&d->body, &d->text);

	if (demo_below(d, 100) < 35) {
		buf_puts(&d->body, "<h2>");
		html_text(&d->body, tp->list_head, strlen(tp->list_head));
		buf_puts(&d->body, "</h2>\n<ul>\n");
		n = 3 + (size_t)demo_below(d, tp->nitems - 2);
		start = (size_t)demo_below(d, tp->nitems - n + 1);
		for (i = start; i < start + n; i++) {
			buf_puts(&d->body, "<li>");
			html_text(&d->body, tp->items[i],
			    strlen(tp->items[i]));
			buf_puts(&d->body, "</li>\n");
		}
		buf_puts(&d->body, "</ul>\n");
	}

	if (demo_below(d, 100) < 70) {
		buf_reset(&d->text);
		buf_printf(&d->text, "\"%s,\" said %s.",
		    demo_pick(d, demo_quotes, NITEMS(demo_quotes)),
		    demo_pick(d, demo_speakers, NITEMS(demo_speakers)));
		demo_para(&d->body, &d->text);
	}

	if (demo_below(d, 100) < 25) {
		buf_puts(&d->body, "<h2>");
		buf_puts(&d->body, demo_pick(d, demo_headings,
		    NITEMS(demo_headings)));
		buf_puts(&d->body, "</h2>\n");
	}
	buf_puts(&d->body, "<p>");
	buf_puts(&d->body, demo_pick(d, demo_closers, NITEMS(demo_closers)));
	buf_puts(&d->body, "</p>\n");
}

/* Move the staged posts and their categories into post. */
static enum folio_err
demo_posts_move(struct demo *d)
{
	enum folio_err	 rc;

	if ((rc = demo_run(d, ST_MOVE, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_MOVE_CATEGORY, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_MOVE_TAG, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_CLEAR, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_CLEAR_CATEGORY, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_CLEAR_TAG, 1, NULL)) != FOLIO_OK)
		return rc;
	d->staged = 0;
	return FOLIO_OK;
}

/* The name a place goes by as a tag: "the East Ward" is "East Ward". */
static const char *
demo_place_name(const char *place)
{
	return strncmp(place, "the ", 4) == 0 ? place + 4 : place;
}

/* Stage tag "tag" for post "id" if its title or text names "name". */
static enum folio_err
demo_tag_if_named(struct demo *d, int64_t id, int64_t tag, const char *name)
{
	sqlite3_stmt	*st = d->st[ST_POST_TAG];

	if (strstr(d->title.data, name) == NULL &&
	    strstr(d->body_text.data, name) == NULL)
		return FOLIO_OK;
	return demo_run(d, ST_POST_TAG, demo_bind_int(st, 1, id) &&
	    demo_bind_int(st, 2, tag), NULL);
}

/*
 * Stage the post in d->slug (made unique here), d->title, d->body and
 * d->excerpt, with its categories (CAT_NONE entries skipped) and, for a
 * generated post ("c"), tags for the place and partner its text names.
 */
static enum folio_err
demo_post_insert(struct demo *d, const char *status, int author,
    int64_t published, int64_t updated, const int *cats, size_t ncats,
    const struct demo_ctx *c, int64_t *idp)
{
	sqlite3_stmt	*st = d->st[ST_POST];
	enum folio_err	 rc;
	int64_t		 id;
	size_t		 i;

	if ((rc = demo_slug_unique(d)) != FOLIO_OK)
		return rc;
	/* Made here, so the index triggers need not strip tags in SQL. */
	buf_reset(&d->body_text);
	search_text(&d->body_text, d->body.data);
	id = d->next_id;
	rc = demo_run(d, ST_POST,
	    demo_bind_int(st, 1, id) &&
	    demo_bind_buf(st, 2, &d->slug) &&
	    demo_bind_buf(st, 3, &d->title) &&
	    demo_bind_buf(st, 4, &d->body) &&
	    demo_bind_buf(st, 5, &d->excerpt) &&
	    demo_bind_text(st, 6, status) &&
	    demo_bind_int(st, 7, d->user_id[author]) &&
	    demo_bind_int(st, 8, published) &&
	    demo_bind_int(st, 9, updated) &&
	    demo_bind_buf(st, 10, &d->body_text), NULL);
	if (rc != FOLIO_OK)
		return rc;
	d->next_id++;
	d->staged++;

	st = d->st[ST_POST_CATEGORY];
	for (i = 0; i < ncats; i++) {
		if (cats[i] == CAT_NONE)
			continue;
		rc = demo_run(d, ST_POST_CATEGORY,
		    demo_bind_int(st, 1, id) &&
		    demo_bind_int(st, 2, d->cat_id[cats[i]]), NULL);
		if (rc != FOLIO_OK)
			return rc;
	}
	for (i = 0; c != NULL && i < NITEMS(demo_places); i++)
		if (c->place == demo_places[i] &&
		    (rc = demo_tag_if_named(d, id, d->place_tag[i],
		    demo_place_name(c->place))) != FOLIO_OK)
			return rc;
	for (i = 0; c != NULL && i < NITEMS(demo_partners); i++)
		if (c->partner == demo_partners[i] &&
		    (rc = demo_tag_if_named(d, id, d->partner_tag[i],
		    c->partner)) != FOLIO_OK)
			return rc;
	if (idp != NULL)
		*idp = id;
	return d->staged < DEMO_BATCH ? FOLIO_OK : demo_posts_move(d);
}

static enum folio_err
demo_fixed_insert(struct demo *d, enum demo_fixed which, const char *status,
    int64_t published, int64_t updated)
{
	const struct demo_fixed_post	*f = &demo_fixed_posts[which];

	buf_reset(&d->title);
	buf_puts(&d->title, f->title);
	buf_reset(&d->slug);
	buf_puts(&d->slug, f->slug);
	buf_reset(&d->excerpt);
	buf_puts(&d->excerpt, f->excerpt);
	buf_reset(&d->body);
	buf_puts(&d->body, "<p>");
	html_text(&d->body, f->excerpt, strlen(f->excerpt));
	buf_puts(&d->body, "</p>\n");
	buf_puts(&d->body, f->rest_html);
	return demo_post_insert(d, status, f->author, published, updated,
	    f->cats, NITEMS(f->cats), NULL, &d->fixed_id[which]);
}

/* Edited never, within a few days, or months later; never after now. */
static int64_t
demo_updated(struct demo *d, int64_t published)
{
	uint64_t	 r = demo_below(d, 100);
	int64_t		 upd = published;

	if (r >= 90)
		upd += DAY + (int64_t)demo_below(d, 120 * (uint64_t)DAY);
	else if (r >= 60)
		upd += 600 + (int64_t)demo_below(d, 3 * (uint64_t)DAY);
	if (upd > d->now)
		upd = d->now > published ? d->now : published;
	return upd;
}

static int
demo_cmp_time(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Publication times for n posts, oldest first, over the DEMO_MONTHS
 * months up to now: more recent months are busier, some are busy, some
 * are empty, and there is one half-year gap, as on a real site. The
 * oldest post is in the oldest month. Times fall in New York office
 * hours. Returns an xmalloc'd array the caller frees.
 */
static int64_t *
demo_dates(struct demo *d, int n)
{
	struct demo_month	 mon[DEMO_MONTHS];
	int64_t			*t, y, ny;
	unsigned		 m, nm, day;
	double			 w, total = 0, x;
	size_t			 k, lo, hi;
	uint64_t		 ndays;
	int			 i;

	demo_civil_from_days(demo_day_of(d->now), &y, &m, &day);
	for (k = 0; k < DEMO_MONTHS; k++) {
		ny = m == 12 ? y + 1 : y;
		nm = m == 12 ? 1 : m + 1;
		mon[k].start = demo_days_from_civil(y, m, 1) * DAY;
		mon[k].end = k == 0 ? d->now + 1 :
		    demo_days_from_civil(ny, nm, 1) * DAY;
		w = 0.3 + 0.7 * (double)(DEMO_MONTHS - 1 - k) /
		    (DEMO_MONTHS - 1);
		if (demo_below(d, 100) < 12)
			w *= 2.5;
		if (k > 0 && k < DEMO_MONTHS - 1 &&
		    ((k >= 64 && k < 70) || demo_below(d, 100) < 15))
			w = 0;
		total += w;
		mon[k].cum = total;
		if (--m == 0) {
			m = 12;
			y--;
		}
	}

	t = xcalloc((size_t)n, sizeof(*t));
	for (i = 0; i < n; i++) {
		if (i == 0)
			k = DEMO_MONTHS - 1;
		else {
			x = demo_unit(d) * total;
			for (lo = 0, hi = DEMO_MONTHS - 1; lo < hi; ) {
				k = lo + (hi - lo) / 2;
				if (mon[k].cum > x)
					hi = k;
				else
					lo = k + 1;
			}
			k = lo;
		}
		ndays = (uint64_t)(mon[k].end - mon[k].start + DAY - 1) / DAY;
		t[i] = mon[k].start + (int64_t)demo_below(d, ndays) * DAY +
		    13 * 3600 + (int64_t)demo_below(d, 9 * 3600);
		if (t[i] >= mon[k].end)
			t[i] = mon[k].start + (int64_t)demo_below(d,
			    (uint64_t)(mon[k].end - mon[k].start));
	}
	qsort(t, (size_t)n, sizeof(*t), demo_cmp_time);
	return t;
}

/* The preferred author most of the time, if already on staff. */
static int
demo_author(struct demo *d, int preferred, int64_t when)
{
	int	 active[USER__MAX], n = 0, i;

	if (demo_user_since(d, preferred) <= when && demo_below(d, 100) < 55)
		return preferred;
	for (i = 0; i < USER__MAX; i++)
		if (demo_user_since(d, i) <= when)
			active[n++] = i;
	/* Posts are never older than the first author. */
	return n ? active[demo_below(d, (uint64_t)n)] : USER_CORINNE;
}

static const struct demo_topic *
demo_topic(struct demo *d, int generated)
{
	unsigned	 total = 0, x;
	size_t		 i;

	if (generated < CAT__MAX)
		return &demo_topics[generated];
	for (i = 0; i < NITEMS(demo_topics); i++)
		total += demo_topics[i].weight;
	x = (unsigned)demo_below(d, total);
	for (i = 0; x >= demo_topics[i].weight; i++)
		x -= demo_topics[i].weight;
	return &demo_topics[i];
}

static enum folio_err
demo_generated_insert(struct demo *d, int generated, int64_t when)
{
	const struct demo_topic	*tp = demo_topic(d, generated);
	struct demo_ctx		 c;
	int			 cats[3], author;
	size_t			 rel[2], nrel = 0, ncats, i;
	uint64_t		 r;
	unsigned		 day;
	enum folio_err		 rc;
	int			 tries, taken;

	c.topic = tp;
	demo_civil_from_days(demo_day_of(when), &c.year, &c.month, &day);
	c.event_day = demo_day_of(when) + 2 + (int64_t)demo_below(d, 28);
	/* A title already used is drawn again, a few times at most, so
	 * that even large sites rarely repeat one. */
	for (tries = 0; ; tries++) {
		c.thing = demo_pick(d, tp->things, tp->nthings);
		c.place = demo_pick(d, demo_places, NITEMS(demo_places));
		c.group = demo_pick(d, demo_groups, NITEMS(demo_groups));
		c.hub = demo_pick(d, demo_hubs, NITEMS(demo_hubs));
		c.partner = demo_pick(d, demo_partners, NITEMS(demo_partners));
		c.small = 3 + (unsigned)demo_below(d, 5);
		c.count = 10 * (2 + (unsigned)demo_below(d, 39));
		buf_reset(&d->title);
		demo_expand(&d->title, demo_pick(d, tp->titles, tp->ntitles),
		    &c);
		demo_title_case(&d->title);
		demo_slugify(d);
		if (tries == DEMO_TITLE_TRIES - 1)
			break;
		if ((rc = demo_slug_taken(d, &taken)) != FOLIO_OK)
			return rc;
		if (!taken)
			break;
	}
	demo_compose(d, &c);

	/* One to three categories: the topic's, maybe related ones. */
	cats[0] = tp->cat;
	r = demo_below(d, 100);
	nrel = r < 50 ? 0 : r < 85 ? 1 : 2;
	demo_distinct(d, NITEMS(tp->related), rel, nrel);
	for (ncats = 1, i = 0; i < nrel; i++)
		cats[ncats++] = tp->related[rel[i]];
	author = demo_author(d, tp->author, when);
	return demo_post_insert(d, "published", author, when,
	    demo_updated(d, when), cats, ncats, &c, NULL);
}

/* One tag: its slug from the name, as a post's from its title. */
static enum folio_err
demo_tag_add(struct demo *d, const char *name, const char *what,
    int64_t *id)
{
	sqlite3_stmt	*st = d->st[ST_TAG];

	buf_reset(&d->title);
	buf_puts(&d->title, name);
	demo_slugify(d);
	buf_reset(&d->text);
	buf_printf(&d->text, "Stories %s %s.", what, name);
	return demo_run(d, ST_TAG, demo_bind_buf(st, 1, &d->slug) &&
	    demo_bind_text(st, 2, name) && demo_bind_buf(st, 3, &d->text), id);
}

/* Tags: the neighborhoods and the partners, which posts name. */
static enum folio_err
demo_tags_add(struct demo *d)
{
	enum folio_err	 rc;
	size_t		 i;

	for (i = 0; i < NITEMS(demo_places); i++)
		if ((rc = demo_tag_add(d, demo_place_name(demo_places[i]),
		    "from", &d->place_tag[i])) != FOLIO_OK)
			return rc;
	for (i = 0; i < NITEMS(demo_partners); i++)
		if ((rc = demo_tag_add(d, demo_partners[i], "with",
		    &d->partner_tag[i])) != FOLIO_OK)
			return rc;
	return FOLIO_OK;
}

static enum folio_err
demo_posts_add(struct demo *d, int nposts)
{
	int64_t		*when;
	enum folio_err	 rc = FOLIO_OK;
	int		 i, generated = 0;

	/* Hidden ones first, so that they keep their documented slugs. */
	if ((rc = demo_fixed_insert(d, FIX_DRAFT_1, "draft",
	    d->now - 2 * DAY, d->now - DAY)) != FOLIO_OK ||
	    (rc = demo_fixed_insert(d, FIX_DRAFT_2, "draft",
	    d->now - 9 * DAY, d->now - 9 * DAY + 3600)) != FOLIO_OK ||
	    (rc = demo_fixed_insert(d, FIX_SCHEDULED, "published",
	    d->now + 7 * DAY, d->now + 7 * DAY)) != FOLIO_OK)
		return rc;

	when = demo_dates(d, nposts);
	for (i = 0; i < nposts && rc == FOLIO_OK; i++) {
		if (i == nposts - 1)
			rc = demo_fixed_insert(d, FIX_YEAR, "published",
			    when[i], demo_updated(d, when[i]));
		else if (i == nposts / 3)
			rc = demo_fixed_insert(d, FIX_FIRST_SHIFT, "published",
			    when[i], demo_updated(d, when[i]));
		else
			rc = demo_generated_insert(d, generated++, when[i]);
	}
	free(when);
	return rc == FOLIO_OK ? demo_posts_move(d) : rc;
}

enum folio_err
demo_populate(sqlite3 *db, int nposts, int64_t now)
{
	struct demo	*d;
	enum folio_err	 rc = FOLIO_ERR_DB;
	size_t		 i;

	if (nposts < 0 || nposts > DEMO_POSTS_MAX) {
		log_err("demo: %d posts asked for, not in 0..%d", nposts,
		    DEMO_POSTS_MAX);
		return FOLIO_ERR_INPUT;
	}
	if (sqlite3_exec(db, SQL_BEGIN, NULL, NULL, NULL) != SQLITE_OK) {
		log_err("demo: begin: %s", sqlite3_errmsg(db));
		return FOLIO_ERR_DB;
	}

	d = xcalloc(1, sizeof(*d));
	d->db = db;
	d->now = now;
	d->rng = DEMO_SEED;
	if (sqlite3_exec(db, SQL_STAGE_CREATE, NULL, NULL, NULL) !=
	    SQLITE_OK) {
		log_err("demo: staging tables: %s", sqlite3_errmsg(db));
		goto out;
	}
	for (i = 0; i < ST__MAX; i++)
		if (sqlite3_prepare_v2(db, demo_stmts[i].sql, -1, &d->st[i],
		    NULL) != SQLITE_OK) {
			log_err("demo: preparing %s: %s", demo_stmts[i].name,
			    sqlite3_errmsg(db));
			goto out;
		}
	if (sqlite3_step(d->st[ST_NEXT_ID]) != SQLITE_ROW) {
		log_err("demo: %s: %s", demo_stmts[ST_NEXT_ID].name,
		    sqlite3_errmsg(db));
		goto out;
	}
	d->next_id = sqlite3_column_int64(d->st[ST_NEXT_ID], 0);
	(void)sqlite3_reset(d->st[ST_NEXT_ID]);

	if ((rc = demo_site(d)) != FOLIO_OK ||
	    (rc = demo_users(d)) != FOLIO_OK ||
	    (rc = demo_categories_add(d)) != FOLIO_OK ||
	    (rc = demo_tags_add(d)) != FOLIO_OK ||
	    (rc = demo_pages_add(d)) != FOLIO_OK ||
	    (rc = demo_posts_add(d, nposts)) != FOLIO_OK ||
	    (rc = demo_menu_add(d)) != FOLIO_OK)
		goto out;
	for (i = 0; i < ST__MAX; i++) {
		sqlite3_finalize(d->st[i]);
		d->st[i] = NULL;
	}
	if (sqlite3_exec(db, SQL_STAGE_DROP, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, SQL_COMMIT, NULL, NULL, NULL) != SQLITE_OK) {
		log_err("demo: commit: %s", sqlite3_errmsg(db));
		rc = FOLIO_ERR_DB;
	}
out:
	for (i = 0; i < ST__MAX; i++)
		sqlite3_finalize(d->st[i]);
	if (rc != FOLIO_OK && !sqlite3_get_autocommit(db) &&
	    sqlite3_exec(db, SQL_ROLLBACK, NULL, NULL, NULL) != SQLITE_OK)
		log_err("demo: rollback: %s", sqlite3_errmsg(db));
	/* Undone by the rollback, unless made outside the transaction. */
	(void)sqlite3_exec(db, SQL_STAGE_DROP, NULL, NULL, NULL);
	buf_free(&d->slug);
	buf_free(&d->title);
	buf_free(&d->body);
	buf_free(&d->body_text);
	buf_free(&d->excerpt);
	buf_free(&d->text);
	free(d);
	return rc;
}
