// fcgi_client.mjs -- a FastCGI client that can be slow on purpose, for
// the process tests: it sends one GET to a handler's Unix socket, stops
// halfway through the parameters for PAUSE_MS (so a test can signal the
// handler while a worker reads them; "paused" on stderr says when), then
// finishes and prints the response's Status line, or "error: ..." and
// exits 1.
//
//	node tests/http/fcgi_client.mjs SOCKET PATH [PAUSE_MS]
//
// Records as in the FastCGI 1.0 specification: an 8-byte header (version,
// type, request id, content length, padding length) and the content.
import net from 'node:net';

const [socket, path, pauseArg] = process.argv.slice(2);
if (!socket || !path) {
	console.error('usage: fcgi_client.mjs SOCKET PATH [PAUSE_MS]');
	process.exit(2);
}
const pause = Number(pauseArg || 0);

const BEGIN_REQUEST = 1, END_REQUEST = 3, PARAMS = 4, STDIN = 5, STDOUT = 6;
const RESPONDER = 1;

function record(type, content) {
	const head = Buffer.alloc(8);
	head[0] = 1;
	head[1] = type;
	head.writeUInt16BE(1, 2);
	head.writeUInt16BE(content.length, 4);
	return Buffer.concat([head, content]);
}

// A name-value pair; both lengths here stay under 128 (one byte each).
function pair(name, value) {
	return Buffer.concat([Buffer.from([name.length, value.length]),
	    Buffer.from(name), Buffer.from(value)]);
}

const params = Buffer.concat([
	pair('GATEWAY_INTERFACE', 'CGI/1.1'),
	pair('REQUEST_METHOD', 'GET'),
	pair('REQUEST_URI', path),
	pair('SCRIPT_NAME', ''),
	pair('PATH_INFO', path.split('?')[0]),
	pair('QUERY_STRING', path.includes('?') ? path.split('?')[1] : ''),
	pair('SERVER_NAME', 'localhost'),
	pair('SERVER_PORT', '80'),
	pair('SERVER_PROTOCOL', 'HTTP/1.1'),
	pair('HTTP_HOST', 'localhost'),
	pair('REMOTE_ADDR', '127.0.0.1'),
]);
const half = Math.floor(params.length / 2);
const begin = Buffer.alloc(8);
begin.writeUInt16BE(RESPONDER, 0);

let out = Buffer.alloc(0), ended = false;
const conn = net.createConnection(socket);
conn.on('error', (e) => {
	console.log(`error: ${e.message}`);
	process.exit(1);
});
conn.on('connect', () => {
	conn.write(Buffer.concat([record(BEGIN_REQUEST, begin),
	    record(PARAMS, params.subarray(0, half))]), () => {
		if (pause > 0)
			process.stderr.write('paused\n');
	});
	setTimeout(() => {
		conn.write(Buffer.concat([
		    record(PARAMS, params.subarray(half)),
		    record(PARAMS, Buffer.alloc(0)),
		    record(STDIN, Buffer.alloc(0))]));
	}, pause);
});
let pending = Buffer.alloc(0);
conn.on('data', (chunk) => {
	pending = Buffer.concat([pending, chunk]);
	while (pending.length >= 8) {
		const type = pending[1], len = pending.readUInt16BE(4);
		const total = 8 + len + pending[6];
		if (pending.length < total)
			break;
		if (type === STDOUT)
			out = Buffer.concat([out, pending.subarray(8, 8 + len)]);
		else if (type === END_REQUEST)
			ended = true;
		pending = pending.subarray(total);
	}
});
conn.on('close', () => {
	const status = /^Status: [^\r\n]*/m.exec(out.toString('latin1'));
	if (!ended || status === null) {
		console.log(`error: no complete response (${out.length} bytes)`);
		process.exit(1);
	}
	console.log(status[0]);
});
