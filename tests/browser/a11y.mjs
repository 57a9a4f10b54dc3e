// a11y.mjs -- axe-core (WCAG 2.x A and AA, plus best practices) in
// headless Chromium on every page type in pages.mjs: no violations.
//
//   node tests/browser/a11y.mjs BASE_URL TMPDIR
//
// The site's Content-Security-Policy forbids scripts, so the browser
// context bypasses CSP to let axe run; the page itself is unchanged.
import { axeAudit, launch, ok, exitCode } from './browser.mjs';
import { pages } from './pages.mjs';

const [base, tmp] = process.argv.slice(2);
if (!base || !tmp) {
	console.error('usage: node a11y.mjs BASE_URL TMPDIR');
	process.exit(2);
}

const context = await launch(tmp);
try {
	const page = await context.newPage();
	for (const p of pages) {
		const res = await page.goto(base + p.path);
		ok(res && res.status() === p.status,
		    `${p.name} (${p.path}): status ${res && res.status()}`);
		const a = await axeAudit(page);
		ok(a.violations === 0,
		    `${p.name} (${p.path}): axe finds no violations ` +
		    `(${a.passes} rules pass)`, a.diag);
	}
} finally {
	await context.close();
}
process.exit(exitCode());
