'use strict';
// GET /{tenant}/oauth2/v2.0/authorize: the sandbox signs in as its admin user and consents at once,
// then sends the browser back to redirect_uri with a one-time code (n8n's OAuth2 callback).
const crypto = require('node:crypto');
const { aad, missingParam } = require('./errors');
const { parseDelegatedScopes } = require('./scopes');

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlPage(res, status, title, inner) {
	const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${inner}</body></html>`;
	res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store, no-cache' });
	res.end(html);
}

/** Entra's sign-in error page: errors it cannot send back to the (untrusted) redirect_uri. */
function errorPage(res, err, correlationId) {
	const body = err.body(correlationId);
	htmlPage(
		res,
		err.status === 401 ? 401 : 400,
		'Sign in to your account',
		`<h1>Sorry, but we're having trouble signing you in.</h1><p id="error">${escapeHtml(body.error_description.split('\r\n')[0])}</p>` +
			`<pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>`,
	);
}

/** Sends params back to the client with the requested response_mode. */
function respond(res, redirectUri, mode, params) {
	if (mode === 'form_post') {
		const inputs = Object.entries(params)
			.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
			.join('');
		htmlPage(res, 200, 'Working...', `<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}</form><script>document.forms[0].submit()</script>`);
		return;
	}
	const qs = new URLSearchParams(params).toString();
	let location;
	if (mode === 'fragment') location = `${redirectUri}#${qs}`;
	else location = `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${qs}`;
	res.writeHead(302, { Location: location, 'Content-Length': 0, 'Cache-Control': 'no-store, no-cache' });
	res.end();
}

function createAuthorize(core) {
	return function authorize(req, res, query, ctx) {
		const { app } = core;
		if (ctx.tenantError) return errorPage(res, ctx.tenantError, ctx.correlationId);
		const clientId = query.get('client_id');
		if (!clientId) return errorPage(res, missingParam('client_id'), ctx.correlationId);
		if (clientId !== app.clientId) {
			return errorPage(
				res,
				aad(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${core.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
				ctx.correlationId,
			);
		}
		const redirectUri = query.get('redirect_uri');
		if (!redirectUri) return errorPage(res, missingParam('redirect_uri'), ctx.correlationId);
		if (app.redirectUris.length && !app.redirectUris.includes(redirectUri)) {
			return errorPage(
				res,
				aad(400, 'invalid_request', 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`),
				ctx.correlationId,
			);
		}
		const mode = query.get('response_mode') || 'query';
		const state = query.get('state');
		const back = (err) => {
			const body = err.body(ctx.correlationId);
			const params = { error: body.error, error_description: body.error_description, error_codes: String(err.code), timestamp: body.timestamp, trace_id: body.trace_id, correlation_id: body.correlation_id, error_uri: body.error_uri };
			if (state !== null) params.state = state;
			respond(res, redirectUri, mode, params);
		};
		const responseType = query.get('response_type');
		if (!responseType) return back(missingParam('response_type'));
		if (responseType !== 'code') {
			return back(aad(400, 'unsupported_response_type', 700054, `response_type '${responseType}' is not enabled for the application.`));
		}
		const scopeParam = query.get('scope');
		if (!scopeParam) return back(aad(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'."));
		let scope;
		try {
			scope = parseDelegatedScopes(scopeParam, app.delegatedScopes);
		} catch (err) {
			return back(err);
		}
		const code = `1.AXsbx${crypto.randomBytes(96).toString('base64url')}`;
		core.codes.set(code, {
			clientId,
			redirectUri,
			scope,
			userId: core.signedInUserId(),
			nonce: query.get('nonce') || undefined,
			codeChallenge: query.get('code_challenge') || undefined,
			codeChallengeMethod: query.get('code_challenge_method') || 'plain',
			expiresAt: Date.now() + CODE_LIFETIME_MS,
		});
		const params = { code };
		if (state !== null) params.state = state;
		params.session_state = crypto.randomUUID();
		respond(res, redirectUri, mode, params);
	};
}

/** GET /{tenant}/oauth2/v2.0/logout */
function logout(res, query) {
	const target = query.get('post_logout_redirect_uri');
	if (target) {
		res.writeHead(302, { Location: target, 'Content-Length': 0 });
		res.end();
		return;
	}
	htmlPage(res, 200, 'Sign out', '<p>You signed out of your account.</p>');
}

module.exports = { createAuthorize, logout, htmlPage };
