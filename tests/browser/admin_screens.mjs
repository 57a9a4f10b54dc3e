// admin_screens.mjs -- every admin screen (src/admin.c's route table, the
// GET ones, plus a form sent back with errors and the error pages), logged
// in as an administrator and, for the screens an author has, as an
// author, in headless Chromium:
//  - axe-core (WCAG 2.x A and AA, best practices) finds nothing, on a
//    desktop window and on a 360 px phone (folded navigation);
//  - at 360 px and at 200% zoom of a 1280 px window (640 CSS px) no
//    screen scrolls sideways (scrollWidth <= innerWidth), no control
//    sticks out past either edge, buttons and text fields are at least
//    44 px high on the phone, and the folded navigation opens with every
//    link inside the screen.
//
//   ADMIN_USER=.. ADMIN_PASSWORD=.. AUTHOR_USER=.. AUTHOR_PASSWORD=.. \
//   node tests/browser/admin_screens.mjs BASE_URL TMPDIR
//
// Scripts run (axe is injected, CSP bypassed); the admin itself has none.
import { axeAudit, launch, ok, exitCode } from './browser.mjs';

const [base, tmp] = process.argv.slice(2);
const admin = { name: process.env.ADMIN_USER,
    password: process.env.ADMIN_PASSWORD };
const author = { name: process.env.AUTHOR_USER,
    password: process.env.AUTHOR_PASSWORD };
if (!base || !tmp || !admin.name || !author.name) {
	console.error('usage: ADMIN_USER=.. ADMIN_PASSWORD=.. AUTHOR_USER=.. ' +
	    'AUTHOR_PASSWORD=.. node admin_screens.mjs BASE_URL TMPDIR');
	process.exit(2);
}

const sizes = {
	desktop: { viewport: { width: 1280, height: 800 } },
	phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1,
	    isMobile: true, hasTouch: true },
	zoom: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
};

async function login(page, who) {
	await page.goto(`${base}/admin/login/`);
	await page.fill('#name', who.name);
	await page.fill('#password', who.password);
	await Promise.all([page.waitForURL(`${base}/admin/`),
	    page.click('button[type=submit]')]);
}

// The first link on list screen "path" whose href matches "re".
async function firstLink(page, path, re) {
	await page.goto(base + path);
	const hrefs = await page.$$eval('main a[href]', (as) =>
	    as.map((a) => a.getAttribute('href')));
	const h = hrefs.find((x) => re.test(x));
	if (h === undefined)
		throw new Error(`no link like ${re} on ${path}`);
	return h;
}

// Click the button called "name" and wait for the page it sends: its
// status.
async function submit(p, name) {
	const [res] = await Promise.all([p.waitForNavigation(),
	    p.getByRole('button', { name, exact: true }).first().click()]);
	return res.status();
}

// The screens, found on the site as a person would: lists lead to rows.
// Each: [name, path, status] or [name, async (page) => status].
async function adminScreens(page) {
	// A save makes a revision, so that the revision screens have one.
	const post = await firstLink(page, '/admin/posts/',
	    /^\/admin\/posts\/\d+\/$/);
	await page.goto(base + post);
	await Promise.all([page.waitForURL(/\?saved=1$/),
	    page.getByRole('button', { name: 'Save', exact: true }).click()]);
	const rev = await firstLink(page, `${post}revisions/`,
	    /^\/admin\/posts\/\d+\/revisions\/\d+\/$/);
	return [
		['start', '/admin/', 200],
		['posts', '/admin/posts/', 200],
		['posts, filtered', '/admin/posts/?status=draft&q=a', 200],
		['new post', '/admin/posts/new/', 200],
		['post editor', post, 200],
		['post editor, saved', `${post}?saved=1`, 200],
		['post editor with errors', async (p) => {
			await p.goto(`${base}/admin/posts/new/`);
			await p.fill('#body', 'Text without a title.');
			return submit(p, 'Save');
		}, 400],
		// The public post page (style.css): the tap sizes are its own.
		['preview', `${post}preview/`, 200, 'public'],
		['revisions', `${post}revisions/`, 200],
		['revision', rev, 200],
		['upload', '/admin/upload/', 200],
		['pages', '/admin/pages/', 200],
		['new page', '/admin/pages/new/', 200],
		['page editor', await firstLink(page, '/admin/pages/',
		    /^\/admin\/pages\/\d+\/$/), 200],
		['categories', '/admin/categories/', 200],
		['new category', '/admin/categories/new/', 200],
		['category editor', await firstLink(page, '/admin/categories/',
		    /^\/admin\/categories\/\d+\/$/), 200],
		['tags', '/admin/tags/', 200],
		['tag editor', await firstLink(page, '/admin/tags/',
		    /^\/admin\/tags\/\d+\/$/), 200],
		['menu', '/admin/menu/', 200],
		['menu item editor', await firstLink(page, '/admin/menu/',
		    /^\/admin\/menu\/\d+\/$/), 200],
		['menu, removing a branch (asks first)', async (p) => {
			await p.goto(`${base}/admin/menu/`);
			return submit(p, /sub-items/);
		}, 200],
		['menu, after a removal (undo offered)', async (p) => {
			await p.goto(`${base}/admin/menu/`);
			await submit(p, /^Remove Home$/);
			return (await p.goto(base + '/admin/menu/')).status();
		}, 200],
		['menu, the removal undone', async (p) => {
			await p.goto(`${base}/admin/menu/`);
			return submit(p, 'Undo the removal');
		}, 200],
		['settings', '/admin/settings/', 200],
		['settings with errors', async (p) => {
			await p.goto(`${base}/admin/settings/`);
			await p.fill('#title', '');
			// Passes the browser's own check, not the admin's.
			await p.fill('#contact_email', 'office@localhost');
			return submit(p, 'Save');
		}, 400],
		['users', '/admin/users/', 200],
		['new user', '/admin/users/new/', 200],
		['user editor', await firstLink(page, '/admin/users/',
		    /^\/admin\/users\/\d+\/$/), 200],
		['account', '/admin/account/', 200],
		['not found', '/admin/no-such-screen/', 404],
	];
}

async function authorScreens(page, size) {
	// Her own post, made with the quick draft on the start screen.
	await page.goto(`${base}/admin/`);
	await page.fill('#quick-title', `A Quick Note From The Pier, ${size}`);
	await page.fill('#quick-body', 'Gulls, *again*.');
	await Promise.all([page.waitForURL(/\?drafted=1$/),
	    page.getByRole('button', { name: 'Save draft' }).click()]);
	const own = await firstLink(page, '/admin/',
	    /^\/admin\/posts\/\d+\/$/);
	return [
		['start', '/admin/', 200],
		['start, draft saved', '/admin/?drafted=1', 200],
		['start, quick draft refused', async (p) => {
			await p.goto(`${base}/admin/`);
			await p.fill('#quick-body', 'No title here.');
			return submit(p, 'Save draft');
		}, 400],
		['posts', '/admin/posts/', 200],
		['new post', '/admin/posts/new/', 200],
		['her post', own, 200],
		['upload', '/admin/upload/', 200],
		['account', '/admin/account/', 200],
		['an editor\'s screen (403)', '/admin/pages/', 403],
	];
}

// Run in the page: what sticks out, what is too small to tap.
function measure(phone) {
	const root = document.documentElement;
	const vw = window.innerWidth;
	const out = [];
	const small = [];
	const name = (el) => `${el.tagName.toLowerCase()}` +
	    `${el.id ? '#' + el.id : ''}` +
	    `${el.className && typeof el.className === 'string' ?
	    '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
	const shown = (el) => {
		const s = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		return s.visibility !== 'hidden' && r.width > 1 && r.height > 1 &&
		    !el.closest('.visually-hidden');
	};
	const controls = document.querySelectorAll('a[href], button, input, ' +
	    'select, textarea, summary, label, th, td, pre, img');
	for (const el of controls) {
		if (el.type === 'hidden' || !shown(el))
			continue;
		if (el.classList.contains('skip-link'))
			continue;
		const r = el.getBoundingClientRect();
		if ((r.left < -0.5 || r.right > vw + 0.5) && out.length < 8)
			out.push(`${name(el)} [${Math.round(r.left)}, ` +
			    `${Math.round(r.right)}]`);
		if (phone && el.matches('button, select, textarea, ' +
		    'input:not([type=checkbox]):not([type=radio])') &&
		    r.height < 43.5 && !el.closest('.admin-header') &&
		    !el.closest('.menu-actions') && small.length < 8)
			small.push(`${name(el)} ${Math.round(r.height)}px`);
	}
	return { scrollWidth: root.scrollWidth, innerWidth: vw, out, small };
}

async function visit(page, screen) {
	const [label, how, want] = screen;
	let status;
	if (typeof how === 'function')
		status = await how(page);
	else {
		const res = await page.goto(base + how);
		status = res && res.status();
	}
	return ok(status === want, `${label}: status ${status} (want ${want})`);
}

async function axeCheck(page, tag) {
	const a = await axeAudit(page);
	ok(a.violations === 0, `${tag}: axe finds no violations ` +
	    `(${a.passes} rules pass)`, a.diag);
}

async function layoutCheck(page, tag, phone) {
	const m = await page.evaluate(measure, phone);
	ok(m.scrollWidth <= m.innerWidth, `${tag}: no sideways scroll ` +
	    `(scrollWidth ${m.scrollWidth} <= innerWidth ${m.innerWidth})`,
	    m.out.join('\n'));
	ok(m.out.length === 0, `${tag}: nothing cut off at the edges`,
	    m.out.join('\n'));
	if (phone)
		ok(m.small.length === 0, `${tag}: buttons and fields are ` +
		    'at least 44 px high', m.small.join('\n'));
}

// The folded navigation on a phone: shown, opens, every link on screen.
async function navCheck(page, tag) {
	const fold = page.locator('details.nav-fold');
	ok(await fold.isVisible() &&
	    !(await page.locator('.nav-wide').isVisible()),
	    `${tag}: the navigation is folded under "Admin menu"`);
	await page.locator('details.nav-fold summary').click();
	const links = await page.$$eval('details.nav-fold a', (as) =>
	    as.map((a) => { const r = a.getBoundingClientRect();
	    return { t: a.textContent, l: r.left, r: r.right, h: r.height }; }));
	const bad = links.filter((x) => x.l < 0 || x.r > 360.5 || x.h < 43.5);
	ok(links.length > 0 && bad.length === 0,
	    `${tag}: opened, its ${links.length} links fit and are ` +
	    'easy to tap', JSON.stringify(bad));
}

async function run(who, role, list, size, checks) {
	const context = await launch(tmp, sizes[size]);
	try {
		const page = await context.newPage();
		if (who === null) {
			// Logged out: the login screen, and it with an error.
			const res = await page.goto(`${base}/admin/login/`);
			ok(res.status() === 200, `${size}, logged out: login`);
			for (const c of checks)
				await c(page, `${size}, logged out: login`);
			await page.fill('#name', 'nobody');
			await page.fill('#password', 'wrong password');
			await Promise.all([page.waitForNavigation(),
			    page.click('button[type=submit]')]);
			for (const c of checks)
				await c(page, `${size}, logged out: wrong ` +
				    'password');
			return;
		}
		await login(page, who);
		const screens = await list(page, size);
		for (const s of screens) {
			const tag = `${size}, ${role}: ${s[0]}`;
			if (!await visit(page, [tag, s[1], s[2]]))
				continue;
			for (const c of checks)
				await c(page, tag, s[3] === 'public');
		}
		if (size === 'phone') {
			await page.goto(`${base}/admin/`);
			await navCheck(page, `${size}, ${role}`);
		}
	} catch (e) {
		ok(false, `${size}, ${role}: the screens were visited`,
		    e.stack || e);
	} finally {
		await context.close();
	}
}

const axe = (page, tag) => axeCheck(page, tag);
const phoneLayout = (page, tag, pub) => layoutCheck(page, tag, !pub);
const zoomLayout = (page, tag) => layoutCheck(page, tag, false);

for (const [who, role, list] of [[null, 'logged out', null],
    [admin, 'admin', adminScreens], [author, 'author', authorScreens]]) {
	await run(who, role, list, 'desktop', [axe]);
	await run(who, role, list, 'phone', [axe, phoneLayout]);
	await run(who, role, list, 'zoom', [zoomLayout]);
}
process.exit(exitCode());
