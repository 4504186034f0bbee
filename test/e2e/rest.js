'use strict';
// A signed-in REST client of n8n's editor API: the session cookie n8n sets, bound to a browser-id header.
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');

function restClient(base) {
	const browserId = randomUUID();
	let cookie = '';
	async function rest(method, route, body) {
		const response = await fetch(`${base}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': browserId, cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		assert.ok(response.ok, `${method} /rest${route} answered ${response.status}: ${text.slice(0, 300)}`);
		cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') || cookie;
		return JSON.parse(text).data;
	}
	/** The session's headers, for a request that answers with a page, not JSON (n8n's OAuth2 callback). */
	rest.session = () => ({ 'browser-id': browserId, cookie });
	return rest;
}

module.exports = { restClient };
