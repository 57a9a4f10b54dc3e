// admin_lost.mjs -- nothing typed is lost, in a real browser: the editor
// is open and filled in, the session is ended on the server (its row
// moved past the idle limit in the SQLite file), Save is pressed, the
// password typed on the screen that follows, and the editor is back with
// every field as typed and nothing saved; then Save saves it. Once with
// JavaScript on, once with it off. Then the preview's bar; and axe-core
// on the password screen, the editor it leads back to and the previews.
//
//   BASE_URL=http://127.0.0.1:PORT ADMIN_USER=.. ADMIN_PASSWORD=.. \
//   FOLIO_DB=path/to/folio.db node tests/browser/admin_lost.mjs TMPDIR
//
// The browser profiles go in TMPDIR (the caller removes it).
//
// Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { exitCode, launch, ok } from './browser.mjs';

const base = process.env.BASE_URL;
const user = process.env.ADMIN_USER;
const password = process.env.ADMIN_PASSWORD;
const dbPath = process.env.FOLIO_DB;
const [tmp] = process.argv.slice(2);

const db = (sql) => execFileSync('sqlite3', ['-batch', dbPath, sql],
    { encoding: 'utf8' }).replace(/\n$/, '');
const crlf = (s) => s.replace(/\r\n/g, '\n');

async function login(page) {
	await page.goto(`${base}/admin/login/`);
	await page.fill('#name', user);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL(/\/admin\/$/),
	    page.getByRole('button', { name: 'Log in' }).click()]);
}

// End the session on the server, then press the editor's Save.
async function saveExpired(page) {
	db('UPDATE session SET last_seen = last_seen - 7201');
	await Promise.all([page.waitForLoadState('load'),
	    page.getByRole('button', { name: 'Save', exact: true }).click()]);
}

// The password screen: type the password, go back to the form.
async function logInAgain(page) {
	await page.fill('#reauth_password', password);
	await Promise.all([page.waitForLoadState('load'),
	    page.getByRole('button', { name: 'Log in and go back to my work' })
		.click()]);
}

async function run(js) {
	const how = js ? 'with JavaScript' : 'without JavaScript';
	// bypassCSP off: the admin's own policy applies.
	const context = await launch(tmp, { javaScriptEnabled: js,
	    bypassCSP: false });
	const page = context.pages()[0] ?? await context.newPage();
	const title = `Quay & Co <b>"Nord"</b> 'café' ${js ? 'on' : 'off'} ✓`;
	const text = 'First line: a < b && c > d <script>alert(1)</script>\n\n' +
	    `Second: "quotes", 'apostrophes', naïve façade, 日本語 (${how}).`;
	const tags = 'Fähre & Co, night watch';
	try {
		await login(page);

		await page.goto(`${base}/admin/posts/new/`);
		await page.fill('#title', title);
		await page.fill('#body', text);
		await page.fill('#tags', tags);
		await page.getByLabel('Recipes').check();
		const posts = db('SELECT count(*) FROM post');

		// Ended on the server while the author was writing.
		await saveExpired(page);
		await page.waitForSelector('h1');
		ok(await page.locator('h1').innerText() ===
		    'Log in again to keep your work',
		    `${how}: Save after the session ended asks for the password`,
		    await page.locator('h1').innerText());
		ok(page.url() === `${base}/admin/posts/new/`,
		    `${how}: ... on the same address`, page.url());
		ok(await page.inputValue('#reauth_name') === user,
		    `${how}: ... with the user name filled in`);
		ok(db('SELECT count(*) FROM post') === posts,
		    `${how}: nothing saved by that Save`);

		await logInAgain(page);
		await page.waitForSelector('#title');
		ok(await page.inputValue('#title') === title,
		    `${how}: logged in again, the title is all there`,
		    await page.inputValue('#title'));
		ok(crlf(await page.inputValue('#body')) === text,
		    `${how}: the text is all there`,
		    await page.inputValue('#body'));
		ok(await page.inputValue('#tags') === tags,
		    `${how}: the tags are all there`);
		ok(await page.getByLabel('Recipes').isChecked(),
		    `${how}: the category is still ticked`);
		ok((await page.locator('.held-notice').innerText())
		    .includes('Nothing has been saved yet'),
		    `${how}: the page says nothing is saved yet`);
		ok(db('SELECT count(*) FROM post') === posts,
		    `${how}: nothing saved by logging in again`);

		await Promise.all([page.waitForURL(/\?saved=1$/),
		    page.getByRole('button', { name: 'Save', exact: true })
			.click()]);
		const id = page.url().match(/\/admin\/posts\/([0-9]+)\//)[1];
		ok(db(`SELECT title FROM post WHERE id = ${id}`) === title,
		    `${how}: then Save saves the title as typed`);
		ok(crlf(db(`SELECT body_md FROM post WHERE id = ${id}`)) ===
		    text, `${how}: ... and the text`);
		ok(db(`SELECT count(*) FROM post`) === String(Number(posts) + 1),
		    `${how}: one post saved`);

		// The preview says what it is.
		await page.goto(`${base}/admin/posts/${id}/preview/`);
		const bar = page.locator('.preview-bar');
		ok(await bar.isVisible() && (await bar.innerText())
		    .includes('Preview, not published'),
		    `${how}: the preview shows its bar`);
		ok(await page.locator('meta[name="robots"]')
		    .getAttribute('content') === 'noindex',
		    `${how}: the preview is noindex`);
		ok(await page.locator('.share-links').count() === 0 &&
		    await page.locator('link[rel="alternate"]').count() === 0,
		    `${how}: the preview has no share or feed links`);
	} catch (e) {
		ok(false, `${how}: the way through`, e.stack || e);
	} finally {
		await context.close();
	}
}

const axeSource = createRequire(import.meta.url)('axe-core').source;

async function axe(page, what) {
	await page.addScriptTag({ content: axeSource });
	const result = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',
		    'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
	}));
	ok(result.violations.length === 0, `axe finds no violations on ${what}`,
	    result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} ` +
	    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))
	    .join('\n'));
}

// The screens a held form shows, audited (CSP bypassed for axe only).
async function audit() {
	const context = await launch(tmp);
	const page = context.pages()[0] ?? await context.newPage();
	try {
		await login(page);
		await page.goto(`${base}/admin/posts/new/`);
		await page.fill('#title', 'Audited');
		await saveExpired(page);
		await axe(page, 'the password screen');
		await logInAgain(page);
		await axe(page, 'the editor after logging in again');
		const id = db("SELECT id FROM post WHERE status = 'draft' " +
		    'ORDER BY id LIMIT 1');
		await page.goto(`${base}/admin/posts/${id}/preview/`);
		await axe(page, 'a post\'s preview');
		await page.goto(`${base}/admin/pages/2/preview/`);
		await axe(page, 'a page\'s preview');
	} catch (e) {
		ok(false, 'the audit', e.stack || e);
	} finally {
		await context.close();
	}
}

await run(true);
await run(false);
await audit();
process.exit(exitCode());
