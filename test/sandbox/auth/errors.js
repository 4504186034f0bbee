'use strict';
// Error bodies shaped like the Microsoft identity platform's (token, authorize, discovery endpoints)
// and the managed identity endpoints'.
const crypto = require('node:crypto');

/** Entra's timestamp format: '2023-05-06 06:03:00Z'. */
const aadTimestamp = (date = new Date()) => date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');

class AadError extends Error {
	/**
	 * @param status HTTP status (400 or 401)
	 * @param error OAuth error code, e.g. 'invalid_client'
	 * @param code AADSTS number, e.g. 7000215
	 * @param description text after 'AADSTSnnnn: '
	 */
	constructor(status, error, code, description) {
		super(`AADSTS${code}: ${description}`);
		Object.assign(this, { status, error, code, description });
	}

	body(correlationId = crypto.randomUUID()) {
		const traceId = crypto.randomUUID();
		const timestamp = aadTimestamp();
		return {
			error: this.error,
			error_description: `AADSTS${this.code}: ${this.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
			error_codes: [this.code],
			timestamp,
			trace_id: traceId,
			correlation_id: correlationId,
			error_uri: `https://login.microsoftonline.com/error?code=${this.code}`,
		};
	}
}

const aad = (status, error, code, description) => new AadError(status, error, code, description);

/** AADSTS900144: a required form parameter is missing. */
const missingParam = (name) =>
	aad(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'Cache-Control': 'no-store, no-cache',
		Pragma: 'no-cache',
		...headers,
	});
	res.end(text);
}

module.exports = { AadError, aad, missingParam, sendJson, aadTimestamp };
