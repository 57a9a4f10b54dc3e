// form_fields.mjs -- what a browser would send for a form of an admin
// page, for tests that press a button without a browser:
//
//   node tests/http/form_fields.mjs PAGE.html CLASS [NAME=VALUE...] >body
//
// prints the application/x-www-form-urlencoded body of the first POST
// form whose class list holds CLASS (or, for a CLASS starting with "/",
// whose action it is; "" for the first POST form): its
// hidden and text inputs, textareas, ticked checkboxes and radios,
// chosen options, with the page's character references decoded and
// newlines sent as CRLF, as browsers do; each NAME=VALUE is what the
// user typed into field NAME. Only the markup Folio's own templates
// write is read.
import { readFileSync } from 'node:fs';

const [file, cls, ...typed] = process.argv.slice(2);
const html = readFileSync(file, 'utf8');

function decode(s) {
	return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g,
	    (m, e) => {
		if (e[0] === '#')
			return String.fromCodePoint(e[1] === 'x' ?
			    parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e];
	});
}

function attr(tag, name) {
	const m = tag.match(new RegExp('\\s' + name + '(?:="([^"]*)")?[\\s>]'));
	return m === null ? null : decode(m[1] ?? '');
}

const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)]
    .map((m) => m[0])
    .filter((f) => /method="post"/.test(f))
    .filter((f) => {
	const tag = f.slice(0, f.indexOf('>') + 1);
	if (!cls)
		return true;
	if (cls.startsWith('/'))
		return attr(tag, 'action') === cls;
	return (attr(tag, 'class') ?? '').split(' ').includes(cls);
    });
if (forms.length === 0) {
	process.stderr.write(`form_fields: no such form in ${file}\n`);
	process.exit(1);
}
const form = forms[0];
const out = [];
const re = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g;
for (const m of form.matchAll(re)) {
	const tag = m[0].slice(0, m[0].indexOf('>') + 1);
	const name = attr(tag, 'name');
	if (name === null)
		continue;
	if (tag.startsWith('<textarea')) {
		// The parser drops one newline right after the start tag.
		out.push([name, decode(m[1].replace(/^\n/, ''))]);
	} else if (tag.startsWith('<select')) {
		const opts = [...m[2].matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
		const pick = opts.find((o) => / selected[\s>]/.test(o)) ?? opts[0];
		if (pick !== undefined)
			out.push([name, attr(pick, 'value') ?? '']);
	} else {
		const type = attr(tag, 'type') ?? 'text';
		if (type === 'submit' || type === 'file' || type === 'button')
			continue;
		if ((type === 'checkbox' || type === 'radio') &&
		    !/ checked[\s>]/.test(tag))
			continue;
		out.push([name, attr(tag, 'value') ?? (type === 'checkbox' ||
		    type === 'radio' ? 'on' : '')]);
	}
}
for (const t of typed) {
	const k = t.slice(0, t.indexOf('=')), v = t.slice(t.indexOf('=') + 1);
	const at = out.findIndex(([n]) => n === k);
	if (at < 0)
		out.push([k, v]);
	else
		out[at][1] = v;
}
const crlf = (s) => s.replace(/\r\n|\r|\n/g, '\r\n');
process.stdout.write(out.map(([k, v]) => encodeURIComponent(crlf(k)) + '=' +
    encodeURIComponent(crlf(v))).join('&').replace(/%20/g, '+'));
