'use strict';
// Loaded into every n8n process of the queue test (NODE_OPTIONS=--require): appends one line a
// token request and a delta poll, naming the process, so they can be counted per process (the
// sandbox logs them all, but cannot tell main from a worker: all come from 127.0.0.1). It only
// observes, through node:diagnostics_channel; it changes no request. Both clients are watched:
// MSAL 7 sends with fetch (undici), n8n's own helpers with node:http.
// Env: QUEUE_PROBE_FILE (shared, append-only), QUEUE_PROCESS_NAME (e.g. worker1#2).
const diagnostics = require('node:diagnostics_channel');
const fs = require('node:fs');

const file = process.env.QUEUE_PROBE_FILE;
const name = process.env.QUEUE_PROCESS_NAME;

const KINDS = [
	['token', /\/oauth2\/v2\.0\/token(\?|$)/],
	['delta', /^\/v1\.0\/(users|groups)\/delta(\?|$)/],
];

function note(client, method, requestPath) {
	const kind = KINDS.find(([, pattern]) => pattern.test(requestPath))?.[0];
	if (!kind) return;
	const line = { kind, process: name, pid: process.pid, time: Date.now(), client, method, path: requestPath.split('?')[0] };
	fs.appendFileSync(file, `${JSON.stringify(line)}\n`); // one short line: appended whole
}

if (file && name) {
	diagnostics.subscribe('undici:request:create', ({ request }) => note('fetch', request.method, request.path));
	diagnostics.subscribe('http.client.request.start', ({ request }) => note('http', request.method, request.path));
}
