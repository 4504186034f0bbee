'use strict';
// POST /$batch: JSON batching (https://learn.microsoft.com/graph/json-batching). Up to 20 requests,
// unique ids, relative URLs, dependsOn ordering, 424 for failed dependencies, and responses in
// an order that differs from the request order, since Graph does not keep it.
const { badRequest, errorBody } = require('../errors');

const BATCH_LIMIT = 20;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);
const invalidPayload = () => badRequest('Invalid batch payload format.', 'BadRequest');
const headerValue = (headers, name) => Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

function validate(requests) {
	if (!Array.isArray(requests) || !requests.length) throw invalidPayload();
	if (requests.length > BATCH_LIMIT) {
		throw badRequest(`The number of requests in the batch (${requests.length}) exceeds the limit of ${BATCH_LIMIT}.`, 'BadRequest');
	}
	const ids = new Map();
	for (const request of requests) {
		if (!request || typeof request !== 'object' || typeof request.id !== 'string' || !request.id) throw invalidPayload();
		if (typeof request.method !== 'string' || typeof request.url !== 'string' || /^[a-z]+:/i.test(request.url)) throw invalidPayload();
		if (request.headers !== undefined && (typeof request.headers !== 'object' || Array.isArray(request.headers))) throw invalidPayload();
		const key = request.id.toLowerCase();
		if (ids.has(key)) throw badRequest(`Batch request contains duplicate request id '${request.id}'.`, 'BadRequest');
		ids.set(key, request);
		const write = WRITE_METHODS.has(request.method.toUpperCase());
		if ((write || request.body !== undefined) && (request.body === undefined || !headerValue(request.headers, 'content-type'))) {
			throw badRequest(`Write request id : ${request.id} does not contain Content-Type header or body.`, 'BadRequest');
		}
	}
	for (const request of requests) {
		const deps = request.dependsOn ?? [];
		if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string' || !ids.has(d.toLowerCase()) || d.toLowerCase() === request.id.toLowerCase())) {
			throw invalidPayload();
		}
	}
	return ids;
}

/** Requests in an order that honours dependsOn; a cycle makes the payload invalid. */
function executionOrder(requests, ids) {
	const done = new Set();
	const order = [];
	while (order.length < requests.length) {
		const ready = requests.find((r) => !done.has(r.id.toLowerCase()) && (r.dependsOn ?? []).every((d) => done.has(d.toLowerCase())));
		if (!ready) throw invalidPayload();
		done.add(ready.id.toLowerCase());
		order.push(ready);
	}
	return order.map((r) => ids.get(r.id.toLowerCase()));
}

function batch(ctx) {
	const requests = ctx.body?.requests;
	const ids = validate(requests);
	const results = new Map();
	for (const request of executionOrder(requests, ids)) {
		const failed = (request.dependsOn ?? []).some((d) => results.get(d.toLowerCase()).status >= 400);
		const response = failed
			? { id: request.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: errorBody('FailedDependency', 'Dependent request failed.', ctx.requestId, ctx.clientRequestId) }
			: { id: request.id, ...ctx.runInner(request) };
		results.set(request.id.toLowerCase(), response);
	}
	const responses = ctx.state.rng.shuffle([...results.values()]);
	// Never hand the request order back: clients must match responses by id.
	if (responses.length > 1 && responses.every((r, i) => r.id === requests[i].id)) responses.push(responses.shift());
	return { status: 200, body: { responses } };
}

module.exports = [['POST', '/$batch', batch]];
