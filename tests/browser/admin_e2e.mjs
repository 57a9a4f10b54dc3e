// admin_e2e.mjs -- a person's way through the admin in a real browser:
// log in by keyboard, write a post in Markdown and type its tags, upload an
// image and put it in the post, publish, find it on the home page, its
// category page, its month archive and its tag's page, edit it, restore
// the earlier revision -- all with JavaScript switched off. axe-core and
// the narrow-screen checks of every admin screen are admin_screens.mjs'.
//
//   BASE_URL=http://127.0.0.1:PORT ADMIN_USER=.. ADMIN_PASSWORD=.. \
//   IMAGE=path/to.png node tests/browser/admin_e2e.mjs
//
// Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.BASE_URL;
const user = process.env.ADMIN_USER;
const password = process.env.ADMIN_PASSWORD;
const image = process.env.IMAGE;
let failed = 0;

function ok(cond, name, detail) {
	if (cond) {
		console.log(`ok - ${name}`);
	} else {
		failed++;
		console.log(`not ok - ${name}`);
		if (detail !== undefined)
			console.error(`#   ${String(detail).slice(0, 500)}`);
	}
	return cond;
}

const profile = mkdtempSync(join(tmpdir(), 'folio-chromium-'));
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
// A fresh profile each run (playwright passes it as --user-data-dir).
// JavaScript is off: the admin must work without it.
let browser;
try {
	browser = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		javaScriptEnabled: false,
		args: chromiumArgs,
	});
} catch (e) {
	rmSync(profile, { recursive: true, force: true });
	ok(false, 'chromium starts', e.stack || e);
	process.exit(1);
}
const page = browser.pages()[0] ?? await browser.newPage();
const cspErrors = [];
page.on('console', (m) => {
	if (m.type() === 'error')
		cspErrors.push(m.text());
});
page.on('response', (r) => {
	if (r.status() >= 400)
		cspErrors.push(`${r.status()} ${r.url()}`);
});

// Submit the editor and wait for the page it leads to.
const save = () => Promise.all([page.waitForURL(/\?saved=1$/),
    page.getByRole('button', { name: 'Save', exact: true }).click()]);

try {
	const title = 'Harbor Lights Festival';
	const text = 'The lanterns were **bright** all evening.';

	// Log in with the keyboard only.
	await page.goto(`${base}/admin/`);
	ok(page.url().endsWith('/admin/login/'), 'the admin asks to log in',
	    page.url());
	await page.focus('#name');
	await page.keyboard.type(user);
	await page.keyboard.press('Tab');
	await page.keyboard.type(password);
	await page.keyboard.press('Enter');
	await page.waitForURL('**/admin/');
	ok(await page.getByText(`${user} (admin)`).isVisible(),
	    'logged in, name shown');

	// A draft in Markdown, in a category.
	await Promise.all([page.waitForURL('**/admin/posts/new/'),
	    page.getByRole('link', { name: 'New post', exact: true }).click()]);
	await page.getByLabel('Title', { exact: true }).fill(title);
	await page.getByLabel('Text (Markdown)').fill(text);
	await page.getByLabel('Harbor Life', { exact: true }).check();
	await page.getByLabel(/^Tags/).click();
	await page.keyboard.type(' Lantern Walks,  harbor nights, lantern walks,');
	await page.getByLabel('Draft', { exact: true }).check();
	await save();
	ok(await page.getByText('Saved.').isVisible(), 'draft saved');
	ok(await page.getByLabel(/^Tags/).inputValue() ===
	    'harbor nights, Lantern Walks', 'the tags typed, tidied',
	    await page.getByLabel(/^Tags/).inputValue());
	const editUrl = page.url().replace(/\?.*$/, '');

	// The image, from the editor; its Markdown goes into the text.
	await page.setInputFiles('#image', image);
	await Promise.all([page.waitForURL(/\?uploaded=/),
	    page.getByRole('button', { name: 'Upload image' }).click()]);
	const md = await page.locator('#upload-md').inputValue();
	ok(/^!\[Describe the image\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]+\.png\)$/
	    .test(md), 'the editor shows the Markdown for the image', md);
	ok(await page.getByLabel('Title', { exact: true }).inputValue() === title,
	    'the saved text is still there after the upload');
	await page.getByLabel('Text (Markdown)').fill(`${text}\n\n${md}\n`);
	await page.getByLabel('Published', { exact: true }).check();
	await save();
	ok(await page.getByText('Saved.').isVisible(), 'published');
	const postPath = await page.getByRole('link',
	    { name: 'View on the site' }).getAttribute('href');
	ok(/^\/\d{4}\/\d{2}\/\d{2}\/harbor-lights-festival\/$/.test(postPath),
	    'a permalink', postPath);

	// On the public site at once.
	await page.goto(`${base}/`);
	ok(await page.locator(`a[href="${postPath}"]`).first().isVisible(),
	    'on the home page');
	await page.goto(`${base}/category/harbor-life/`);
	ok(await page.locator(`a[href="${postPath}"]`).first().isVisible(),
	    'on its category page');
	const month = postPath.slice(0, 9);	// "/YYYY/MM/"
	await page.goto(`${base}${month}`);
	ok(await page.locator(`a[href="${postPath}"]`).first().isVisible(),
	    `in its month archive ${month}`);
	await page.goto(`${base}${postPath}`);
	ok(await page.locator('h1.entry-title').innerText() === title,
	    'the post page');
	ok(await page.locator('.entry-content strong').innerText() ===
	    'bright', 'Markdown rendered');
	const img = page.locator('.entry-content img');
	ok(await img.count() === 1 && await img.evaluate((e) =>
	    e.complete && e.naturalWidth > 0), 'the image shows');
	const tags = page.locator('.entry-tags a[rel="tag"]');
	ok(JSON.stringify(await tags.allInnerTexts()) ===
	    '["harbor nights","Lantern Walks"]', 'the post shows its tags',
	    await tags.allInnerTexts());
	await Promise.all([page.waitForURL('**/tag/lantern-walks/'),
	    tags.filter({ hasText: 'Lantern Walks' }).click()]);
	ok(await page.locator(`a[href="${postPath}"]`).first().isVisible(),
	    'its tag page lists it');
	await page.goto(`${base}/`);
	ok(await page.locator('article', { has: page.locator(
	    `a[href="${postPath}"]`) }).locator('.entry-tags a[rel="tag"]')
	    .count() === 2, 'the home page shows its tags too');

	// Edit; then restore the revision before the edit.
	await page.goto(editUrl);
	await page.getByLabel('Title', { exact: true }).fill(`${title}, Revised`);
	await save();
	ok(await page.getByText('Saved.').isVisible(), 'edited');
	await page.goto(`${base}${postPath}`);
	ok(await page.locator('h1.entry-title').innerText() ===
	    `${title}, Revised`, 'the edit is public');
	await page.goto(editUrl);
	await Promise.all([page.waitForURL(/\/revisions\/$/),
	    page.getByRole('link', { name: 'Revisions' }).click()]);
	const revs = page.locator('ol.revisions li a');
	ok(await revs.count() === 3, 'three revisions', await revs.count());
	// Newest first: the second is the published one.
	await Promise.all([page.waitForURL(/\/revisions\/\d+\/$/),
	    revs.nth(1).click()]);
	ok((await page.locator('.revision-title').innerText()) === title,
	    'the earlier revision shows the earlier title');
	await Promise.all([page.waitForURL(/\?restored=1$/),
	    page.getByRole('button', { name: 'Restore this revision' })
	    .click()]);
	ok(await page.getByText('The revision was restored.').isVisible(),
	    'restored');
	ok(await page.getByLabel('Title', { exact: true }).inputValue() === title,
	    'the editor has the earlier title');
	await page.goto(`${base}${postPath}`);
	ok(await page.locator('h1.entry-title').innerText() === title,
	    'the public page has the earlier title');
	ok(await page.locator('.entry-content img').count() === 1,
	    'and still the image');
	ok(cspErrors.length === 0, 'no console errors (CSP and others)',
	    cspErrors.join(' | '));
} catch (e) {
	ok(false, 'the walk through the admin finished', e.stack || e);
} finally {
	await browser.close();
	rmSync(profile, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
