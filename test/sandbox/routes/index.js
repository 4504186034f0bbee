'use strict';
// Matches a Graph path (below /v1.0) to its handler. Literal segments are case-insensitive, as
// Graph's are, and beat parameters; a path no route knows answers Graph's "segment" error.
const { badRequest, segmentNotFound, methodNotAllowed } = require('../errors');

const TABLE = [...require('./users'), ...require('./groups'), ...require('./directory'), ...require('./batch'), ...require('./authMethods'), ...require('./delta').routes,
	...require('./guests'), ...require('./roles'), ...require('./riskyUsers'), ...require('./applications'), ...require('./subscriptions')];

const compiled = TABLE.map(([method, path, handler]) => ({
	method,
	handler,
	segments: path
		.split('/')
		.filter(Boolean)
		.map((s) => (s.startsWith(':') ? { param: s.slice(1) } : { literal: s.toLowerCase() })),
}));

function match(route, segs) {
	const params = {};
	let depth = 0;
	let score = 0;
	for (const [i, seg] of route.segments.entries()) {
		if (i >= segs.length) return { depth };
		if (seg.literal !== undefined) {
			if (seg.literal !== segs[i].toLowerCase()) return { depth };
			score++;
		} else {
			params[seg.param] = segs[i];
		}
		depth = i + 1;
	}
	return segs.length === route.segments.length ? { ok: true, params, score, depth } : { depth };
}

/** { handler, params } for a method and decoded path segments, or a GraphError. */
function resolveRoute(method, segs) {
	let best = null;
	let deepest = 0;
	let otherMethod = false;
	for (const route of compiled) {
		const result = match(route, segs);
		deepest = Math.max(deepest, result.depth);
		if (!result.ok) continue;
		if (route.method !== method) otherMethod = true;
		else if (!best || result.score > best.score) best = { handler: route.handler, params: result.params, score: result.score };
	}
	if (best) return best;
	if (otherMethod) throw methodNotAllowed();
	if (!segs.length) throw badRequest('Invalid request.', 'BadRequest');
	throw segmentNotFound(segs[Math.min(deepest, segs.length - 1)]);
}

module.exports = { resolveRoute };
