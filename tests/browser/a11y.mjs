// a11y.mjs -- axe-core (WCAG 2.x A and AA, plus best practices) in
// headless Chromium on every page type in pages.mjs: no violations.
//
//   node tests/browser/a11y.mjs BASE_URL TMPDIR
//
// The site's Content-Security-Policy forbids scripts, so the browser
// context bypasses CSP to let axe run; the page itself is unchanged.
import { createRequire } from 'node:module';
import { launch, ok, exitCode } from './browser.mjs';
import { pages } from './pages.mjs';

const [base, tmp] = process.argv.slice(2);
if (!base || !tmp) {
	console.error('usage: node a11y.mjs BASE_URL TMPDIR');
	process.exit(2);
}
const axeSource = createRequire(import.meta.url)('axe-core').source;

const context = await launch(tmp);
try {
	const page = await context.newPage();
	for (const p of pages) {
		const res = await page.goto(base + p.path);
		ok(res && res.status() === p.status,
		    `${p.name} (${p.path}): status ${res && res.status()}`);
		await page.addScriptTag({ content: axeSource });
		const result = await page.evaluate(() => window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',
			    'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
		}));
		const diag = result.violations.map((v) =>
		    `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 3)
		    .map((n) => `  ${n.target.join(' ')}`).join('\n')).join('\n');
		ok(result.violations.length === 0,
		    `${p.name} (${p.path}): axe finds no violations ` +
		    `(${result.passes.length} rules pass)`, diag);
	}
} finally {
	await context.close();
}
process.exit(exitCode());
