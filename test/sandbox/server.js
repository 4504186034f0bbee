'use strict';
// HTTP and HTTPS listeners. Paths under /v1.0 are Graph: bearer check, injected faults, the
// request log, Graph's headers and error bodies. Any other path belongs to the identity
// platform and goes to auth.handle.
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { GraphError, errorBody, badRequest, denied } = require('./errors');
const { resolveRoute } = require('./routes');
const { createRng } = require('./random');
const { Pager } = require('./odata');
const { createThrottle } = require('./throttle');

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const CERT_DIR = path.join(__dirname, 'certs');

/** The fault knobs (sb.faults), all off by default. */
const DEFAULT_FAULTS = {
	seed: 1,
	latencyMs: 0,
	latencySpikeRate: 0,
	latencySpikeMs: 0,
	rate429: 0,
	retryAfter: 1,
	retryAfterDate: false,
	rate503: 0,
	rate502: 0,
	rate504: 0,
	rateReset: 0,
	rateLostAnswer: 0,
	hangRate: 0,
	replicationDelayMs: 0,
	foreignNextLink: null,
	maxPageSize: 0,
	deny: [],
	throttle: null,
};

const FAULT_ERRORS = {
	429: ['TooManyRequests', 'Too many requests from Identifier:{tenant} under category:throttle.aad.ags.msgraph. Please try again later.'],
	503: ['ServiceNotAvailable', 'The service is temporarily unavailable for maintenance or is overloaded. You may repeat the request after a delay.'],
	502: ['BadGateway', 'Bad Gateway'],
	504: ['GatewayTimeout', 'The gateway did not receive a response from the upstream service in time.'],
};

function createState(store, faults) {
	const state = {
		store,
		auth: null,
		faults: { ...DEFAULT_FAULTS, ...faults },
		faultCounts: { 429: 0, 503: 0, 502: 0, 504: 0, reset: 0, hang: 0, spikes: 0, replication404: 0, lostAnswer: 0 },
		log: [],
		pager: new Pager(),
		throttle: createThrottle(),
	};
	// One PRNG per fault seed: changing sb.faults.seed restarts a repeatable sequence.
	let seed;
	let rng;
	Object.defineProperty(state, 'rng', {
		get() {
			if (seed !== state.faults.seed) rng = createRng(`faults:${(seed = state.faults.seed)}`);
			return rng;
		},
	});
	return state;
}

const roll = (state, rate) => rate > 0 && state.rng.next() < rate;

/** 'hang' | 'reset' | 429 | 503 | 502 | 504 | null. Sockets can only be dropped for real requests, not batch items. */
function drawFault(state, inner) {
	const { faults } = state;
	if (!inner && roll(state, faults.hangRate)) return 'hang';
	if (!inner && roll(state, faults.rateReset)) return 'reset';
	for (const status of [429, 503, 502, 504]) if (roll(state, faults[`rate${status}`])) return status;
	return null;
}

/** The error an injected fault answers with: 403 for a `deny` rule, else the drawn status. */
function faultError(state, status) {
	if (status === 'deny') return denied();
	state.faultCounts[status]++;
	const [code, message] = FAULT_ERRORS[status];
	const { retryAfter, retryAfterDate } = state.faults;
	const headers = status === 429 ? { 'Retry-After': retryAfterDate ? new Date(Date.now() + retryAfter * 1000).toUTCString() : String(retryAfter) } : undefined;
	return new GraphError(status, code, message.replace('{tenant}', state.store.tenantId), headers);
}

const isDenied = (state, method, fullPath) =>
	(state.faults.deny ?? []).some((rule) => (!rule.method || rule.method.toUpperCase() === method) && rule.path.test(fullPath));

/** Graph's identity-and-access throttling (throttle.js), when the `throttle` knob is set. */
function evaluateThrottle(state, method, path, query, principal) {
	return state.faults.throttle ? state.throttle.evaluate(state, { method, path, query, principal }) : null;
}

/** A result with the throttling model's headers (x-ms-resource-unit, x-ms-throttle-*) added. */
function withHeaders(result, throttle) {
	return throttle ? { ...result, headers: { ...throttle.headers, ...result.headers } } : result;
}

function errorResult(err, call) {
	if (!(err instanceof GraphError)) {
		console.error('[sandbox] unexpected error', err);
		err = new GraphError(500, 'UnknownError', 'An unexpected error occurred in the sandbox.');
	}
	return { status: err.status, headers: err.headers, body: errorBody(err.code, err.message, call.requestId, call.clientRequestId) };
}

function splitPath(pathname) {
	try {
		return { segs: pathname.split('/').filter(Boolean).map(decodeURIComponent) };
	} catch {
		return { segs: [], error: badRequest('Invalid request URI.', 'BadRequest') };
	}
}

/** Runs one Graph call (a request, or one item of a $batch) through routing and its handler. */
function execute(state, call) {
	try {
		if (call.error) throw call.error;
		let segs = call.segs;
		if (segs[0]?.toLowerCase() === 'me') {
			if (call.principal.type !== 'delegated' || !call.principal.userId) {
				throw badRequest('/me request is only valid with delegated authentication flow.', 'BadRequest');
			}
			segs = ['users', call.principal.userId, ...segs.slice(1)];
		}
		// An app token without any application permission (admin consent not granted yet) carries
		// no roles claim, and Graph refuses every directory call made with it.
		if (call.principal.type === 'app' && !(call.principal.roles ?? []).length && segs[0] !== '$batch') throw denied();
		const { handler, params } = resolveRoute(call.method, segs);
		return handler({ ...call, segs, store: state.store, state, runInner: (request) => runInner(state, call, request) }, params);
	} catch (err) {
		return errorResult(err, call);
	}
}

/** One $batch item: logged, exposed to 429/5xx/deny faults, answered as { status, headers, body }. */
function runInner(state, outer, request) {
	const url = new URL(request.url.startsWith('/') ? request.url : `/${request.url}`, 'http://batch');
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
	const method = request.method.toUpperCase();
	const entry = { method, path: `/v1.0${url.pathname}`, query: Object.fromEntries(url.searchParams), headers, status: null, time: Date.now(), batch: { parentIndex: state.log.indexOf(outer.entry), id: request.id } };
	state.log.push(entry);
	const requestId = randomUUID();
	const call = { method, ...splitPath(url.pathname), rawPath: url.pathname, query: url.searchParams, headers, body: request.body, principal: outer.principal, base: outer.base, requestId, clientRequestId: headers['client-request-id'] ?? requestId, entry };
	const throttle = evaluateThrottle(state, method, entry.path, url.searchParams, outer.principal);
	const fault = throttle?.error ? 'throttle' : (drawFault(state, true) ?? (isDenied(state, method, entry.path) ? 'deny' : null));
	const result = withHeaders(fault ? errorResult(fault === 'throttle' ? throttle.error : faultError(state, fault), call) : execute(state, call), throttle);
	if (fault) entry.fault = fault;
	entry.status = result.status;
	const isText = result.text !== undefined;
	const body = isText ? result.text : result.body;
	const out = { status: result.status, headers: { 'Cache-Control': 'no-cache', ...result.headers } };
	if (body !== undefined) {
		out.headers['Content-Type'] = isText ? 'text/plain' : JSON_TYPE;
		out.body = body;
	}
	return out;
}

function send(res, result, requestId, clientRequestId) {
	const headers = { 'request-id': requestId, 'client-request-id': clientRequestId, 'cache-control': 'no-cache', ...result.headers };
	if (result.text !== undefined) {
		res.writeHead(result.status, { ...headers, 'content-type': 'text/plain' });
		res.end(result.text);
	} else if (result.body !== undefined) {
		res.writeHead(result.status, { ...headers, 'content-type': JSON_TYPE, 'odata-version': '4.0' });
		res.end(JSON.stringify(result.body));
	} else {
		res.writeHead(result.status, headers);
		res.end();
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function createSandboxServer(state) {
	const sockets = new Set();
	const timers = new Set();
	const servers = [];

	const sleep = (ms) =>
		ms > 0
			? new Promise((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, ms);
					timer.unref();
					timers.add(timer);
				})
			: Promise.resolve();

	async function handleGraph(req, res, url, raw) {
		const requestId = randomUUID();
		const clientRequestId = req.headers['client-request-id'] ?? requestId;
		const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'authorization'));
		const entry = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, status: null, time: Date.now(), batch: false };
		state.log.push(entry);
		const rawPath = url.pathname.slice('/v1.0'.length);
		const call = { method: req.method, ...splitPath(rawPath), rawPath, query: url.searchParams, headers, principal: null, base: `${req.socket.encrypted ? 'https' : 'http'}://${req.headers.host}/v1.0`, requestId, clientRequestId, entry };
		// Graph reads a body only where the operation takes one.
		if (raw.length && ['POST', 'PATCH', 'PUT'].includes(req.method)) {
			try {
				call.body = JSON.parse(raw.toString('utf8'));
			} catch {
				call.error ??= badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', 'BadRequest');
			}
		}
		const { faults, faultCounts } = state;
		let delay = faults.latencyMs;
		if (roll(state, faults.latencySpikeRate)) {
			faultCounts.spikes++;
			delay += faults.latencySpikeMs;
		}
		let result;
		const authResult = state.auth.authenticate(req);
		if (!authResult.ok) {
			result = errorResult(new GraphError(authResult.status, authResult.code, authResult.message, authResult.headers), call);
		} else {
			call.principal = authResult.principal;
			// A $batch envelope is not charged: Graph evaluates each request inside it.
			const throttle = url.pathname === '/v1.0/$batch' ? null : evaluateThrottle(state, req.method, url.pathname, url.searchParams, call.principal);
			const fault = throttle?.error ? 'throttle' : (drawFault(state, false) ?? (isDenied(state, req.method, url.pathname) ? 'deny' : null));
			if (fault) entry.fault = fault;
			if (fault === 'hang' || fault === 'reset') {
				faultCounts[fault]++;
				entry.status = 0;
				if (fault === 'hang') return; // never answered; sb.close() drops the socket
				await sleep(delay);
				req.socket.destroy();
				return;
			}
			// Most handlers answer at once; POST /subscriptions waits for the notification URL's handshake.
			const answer = fault ? errorResult(fault === 'throttle' ? throttle.error : faultError(state, fault), call) : await Promise.resolve(execute(state, call)).catch((err) => errorResult(err, call));
			result = withHeaders(answer, throttle);
			// Carried out, then the connection drops before the answer: a write that was applied
			// although the client saw only a reset (the log keeps the real status).
			if (!fault && roll(state, faults.rateLostAnswer)) {
				faultCounts.lostAnswer++;
				entry.fault = 'lostAnswer';
				entry.status = result.status;
				await sleep(delay);
				req.socket.destroy();
				return;
			}
		}
		await sleep(delay);
		entry.status = result.status;
		send(res, result, requestId, clientRequestId);
	}

	async function onRequest(req, res) {
		try {
			const url = new URL(req.url, `http://${req.headers.host ?? '127.0.0.1'}`);
			const raw = await readBody(req);
			if (url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')) return await handleGraph(req, res, url, raw);
			if (await state.auth.handle(req, res, url, raw)) return;
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { code: 'NotFound', message: `No sandbox endpoint at ${url.pathname}` } }));
		} catch (err) {
			console.error('[sandbox] request failed', err);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		}
	}

	function track(server) {
		server.on('connection', (socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		servers.push(server);
		return server;
	}

	const listen = (server, port) =>
		new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve(server.address().port));
		});

	return {
		/** Starts HTTP on `port` and, when certs/server.pem exists, HTTPS on `tlsPort`. */
		async listen(port, tlsPort) {
			const ports = { http: await listen(track(http.createServer(onRequest)), port), https: null };
			const certPath = path.join(CERT_DIR, 'server.pem');
			const keyPath = path.join(CERT_DIR, 'server-key.pem');
			if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
				const tls = https.createServer({ cert: fs.readFileSync(certPath), key: fs.readFileSync(keyPath) }, onRequest);
				ports.https = await listen(track(tls), tlsPort);
			}
			return ports;
		},
		/** Closes both listeners and every open socket (hung requests included) at once. */
		close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const socket of sockets) socket.destroy();
			return Promise.all(servers.map((server) => new Promise((resolve) => server.close(() => resolve()))));
		},
	};
}

module.exports = { createState, createSandboxServer, DEFAULT_FAULTS, CERT_DIR };
