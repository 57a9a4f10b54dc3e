// layout.mjs -- reading on small and zoomed screens, and on paper, in
// headless Chromium, for every page type in pages.mjs:
//  - 360 CSS px wide (a small phone): no horizontal scrolling, text at
//    least 16 px, a full-page screenshot saved in TMPDIR;
//  - 200% zoom of a 1280x800 window (640 CSS px at device scale 2): no
//    horizontal scrolling;
//  - print media: menu, sidebar and search boxes hidden, the content kept.
//
//   node tests/browser/layout.mjs BASE_URL TMPDIR
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ok, exitCode } from './browser.mjs';
import { pages } from './pages.mjs';

const [base, tmp] = process.argv.slice(2);
if (!base || !tmp) {
	console.error('usage: node layout.mjs BASE_URL TMPDIR');
	process.exit(2);
}

// Widths, and the elements sticking out past the right edge, if any.
function measure() {
	const root = document.documentElement;
	const vw = root.clientWidth;
	const wide = [];
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && r.right > vw + 1 && wide.length < 5)
			wide.push(`${el.tagName.toLowerCase()}` +
			    `${el.className ? '.' + el.className : ''} ` +
			    `right=${Math.round(r.right)}`);
	}
	return {
		scrollWidth: root.scrollWidth,
		clientWidth: vw,
		fontSize: parseFloat(getComputedStyle(document.body).fontSize),
		wide,
	};
}

function slug(name) {
	return name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

async function widthCheck(label, options, shots) {
	const context = await launch(tmp, options);
	try {
		const page = await context.newPage();
		for (const p of pages) {
			await page.goto(base + p.path);
			const m = await page.evaluate(measure);
			ok(m.scrollWidth <= m.clientWidth,
			    `${label}: ${p.name} (${p.path}) has no horizontal ` +
			    `scroll (scrollWidth ${m.scrollWidth} <= ` +
			    `clientWidth ${m.clientWidth})`,
			    m.wide.join('\n'));
			if (!shots)
				continue;
			ok(m.fontSize >= 16, `${label}: ${p.name} body text ` +
			    `is ${m.fontSize}px (>= 16)`);
			const file = join(tmp, `shot-360-${slug(p.name)}.png`);
			await page.screenshot({ path: file, fullPage: true });
			ok(statSync(file).size > 0,
			    `${label}: ${p.name} screenshot saved (${file})`);
		}
	} finally {
		await context.close();
	}
}

async function printCheck() {
	const context = await launch(tmp);
	try {
		const page = await context.newPage();
		await page.goto(base + pages.find((p) => p.name === 'post').path);
		const sheet = await page.evaluate(() => [...document.styleSheets]
		    .some((s) => [...s.cssRules].some((r) =>
		    r.media && r.media.mediaText.includes('print'))));
		ok(sheet, 'print: the stylesheet has @media print rules');
		await page.emulateMedia({ media: 'print' });
		const shown = await page.evaluate(() => {
			const vis = (sel) => [...document.querySelectorAll(sel)]
			    .some((e) => getComputedStyle(e).display !== 'none');
			return {
				menu: vis('.menu'),
				sidebar: vis('.sidebar'),
				search: vis('.search-form'),
				content: vis('.entry-content'),
				title: vis('h1'),
			};
		});
		ok(!shown.menu && !shown.sidebar && !shown.search,
		    'print: menu, sidebar and search are hidden',
		    JSON.stringify(shown));
		ok(shown.content && shown.title,
		    'print: the title and content are printed',
		    JSON.stringify(shown));
		const pdf = join(tmp, 'print-post.pdf');
		await page.pdf({ path: pdf, format: 'A4' });
		ok(statSync(pdf).size > 1000, `print: a PDF is made (${pdf})`);
	} finally {
		await context.close();
	}
}

await widthCheck('360px', { viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1, isMobile: true, hasTouch: true }, true);
await widthCheck('200% zoom', { viewport: { width: 640, height: 400 },
    deviceScaleFactor: 2 }, false);
await printCheck();
process.exit(exitCode());
