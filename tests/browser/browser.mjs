// browser.mjs -- what the browser tests share: Debian's chromium started
// the way these machines need (DESIGN.md), and TAP-style output that
// tests/run.sh counts.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// A browser context on a fresh profile in tmp. bypassCSP: the site's
// Content-Security-Policy forbids scripts, and axe-core is one.
export async function launch(tmp, options = {}) {
	const profile = mkdtempSync(join(tmp, 'chromium-'));
	return chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		bypassCSP: true,
		args: [
			'--headless', '--no-sandbox', '--disable-gpu',
			'--disable-quic', '--no-first-run',
			'--disable-background-networking',
			'--disable-component-update', '--disable-sync',
		],
		...options,
	});
}

let failed = 0;

export function ok(cond, desc, diag) {
	if (cond) {
		console.log(`ok - ${desc}`);
		return true;
	}
	failed++;
	console.log(`not ok - ${desc}`);
	for (const line of String(diag ?? '').split('\n'))
		if (line !== '')
			console.error(`#   ${line}`);
	return false;
}

export function exitCode() {
	return failed > 0 ? 1 : 0;
}

const axeSource = createRequire(import.meta.url)('axe-core').source;

// axe-core (WCAG 2.x A and AA, plus best practices) on the page shown:
// { violations, passes, diag } with diag a few lines per violation.
export async function axeAudit(page) {
	await page.addScriptTag({ content: axeSource });
	const result = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',
		    'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
	}));
	const diag = result.violations.map((v) =>
	    `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 3)
	    .map((n) => `  ${n.target.join(' ')}`).join('\n')).join('\n');
	return { violations: result.violations.length,
	    passes: result.passes.length, diag };
}
