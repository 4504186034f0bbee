#!/usr/bin/env node
'use strict';
// Starts the Graph sandbox for a real n8n (the e2e test and the demo) on free loopback ports,
// signs the sandbox's admin in the way n8n's "Connect" button does (authorization code), and
// writes into OUT_DIR:
//   sandbox.json      URLs, tenant, counts and the state URL (read by lib.sh, demo.sh, run-cases.js, check-demo.js)
//   credentials.json  both credential kinds in `n8n import:credentials` format
// It also answers GET {stateUrl}/state with the directory and request logs, so that checks run in
// another process can see what the sandbox saw (and POST /expire-tokens). Runs until SIGINT/SIGTERM.
// Usage: node test/e2e/sandbox.js OUT_DIR [demo|paged]   (NODE_EXTRA_CA_CERTS=test/sandbox/certs/ca.pem)
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { startSandbox } = require('../sandbox');
const { DELEGATED_SCOPES } = require('../../dist/credentials/clouds');

// 'paged': more users than one $top=999 page holds, so Return All must follow @odata.nextLink.
const SEEDS = { demo: 'demo', paged: { users: 2500, groups: 10 } };

// Fixed ids, so the workflow files can name their credentials.
const CREDENTIAL_IDS = { delegated: 'EntraDelegated01', appOnly: 'EntraAppOnly0001' };

function writeJson(file, value) {
	fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
	fs.renameSync(`${file}.tmp`, file); // readers poll for the file: it appears whole
}

/** Authorization-code sign-in, as n8n's OAuth2 callback does it: returns the token response. */
async function connectDelegated(sb, scope) {
	const { clientId, clientSecret } = sb.auth.app;
	const redirectUri = 'http://127.0.0.1/rest/oauth2-credential/callback';
	const authorize = new URL(`${sb.loginUrl}/${sb.tenantId}/oauth2/v2.0/authorize`);
	authorize.search = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope, state: 'e2e' });
	const consent = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(consent.headers.get('location') ?? 'about:blank').searchParams.get('code');
	if (!code) throw new Error(`authorize answered ${consent.status} without a code`);
	const token = await fetch(`${sb.loginUrl}/${sb.tenantId}/oauth2/v2.0/token`, {
		method: 'POST',
		body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, code, redirect_uri: redirectUri, scope }),
	});
	const body = await token.json();
	if (!token.ok || !body.refresh_token) throw new Error(`token endpoint answered ${token.status} ${body.error ?? 'without a refresh token'}`);
	return body;
}

function credentials(sb, tokenData) {
	const { clientId, clientSecret } = sb.auth.app;
	const endpoints = { cloud: 'custom', customGraphUrl: sb.graphUrl, customLoginUrl: sb.loginUrl };
	return [
		{
			id: CREDENTIAL_IDS.delegated,
			name: 'Entra ID sandbox (delegated)',
			type: 'entraIdOAuth2Api',
			// Only the fields a user fills in, plus the token n8n's "Connect" stores: the hidden OAuth2
			// fields (URLs, scope) must come from the credential type's own defaults in real n8n.
			data: { tenantId: sb.tenantId, ...endpoints, clientId, clientSecret, oauthTokenData: tokenData },
		},
		{
			id: CREDENTIAL_IDS.appOnly,
			name: 'Entra ID sandbox (app-only)',
			type: 'entraIdAppOnlyApi',
			data: { authMethod: 'clientSecret', tenantId: sb.tenantId, clientId, clientSecret, ...endpoints },
		},
	];
}

/** What the checks read: every user id, group memberships, the Graph request log, the token log. */
function stateOf(sb) {
	return {
		userIds: sb.store.listUsers().map((user) => user.id),
		members: Object.fromEntries(sb.store.listGroups().map((group) => [group.id, [...sb.store.membersOf(group.id)].map(String)])),
		log: sb.log.map(({ method, path: urlPath, query, status, batch }) => ({ method, path: urlPath, query, status, batch })),
		tokenLog: sb.auth.tokenLog.map(({ grantType, clientId, status, source }) => ({ grantType, clientId, status, source })),
	};
}

/** A new hire, as HR provisioning would create one: what the trigger test waits to see emitted. */
function createJoiner(sb) {
	const suffix = Date.now().toString(36);
	const user = sb.store.createUser({
		displayName: `Joiner ${suffix}`,
		userPrincipalName: `joiner.${suffix}@${sb.tenantDomain}`,
		mailNickname: `joiner.${suffix}`,
		accountEnabled: true,
		department: 'Sales',
	});
	return { id: user.id, userPrincipalName: user.userPrincipalName };
}

/**
 * GET /state; POST /expire-tokens makes every issued access token answer 401, so n8n must refresh;
 * POST /users creates a user straight in the directory (a change made outside n8n).
 */
function serveState(sb) {
	const routes = {
		'GET /state': () => stateOf(sb),
		'POST /expire-tokens': () => (sb.auth.expireAllTokens(), { expired: true }),
		'POST /users': () => createJoiner(sb),
	};
	const server = http.createServer((req, res) => {
		const route = routes[`${req.method} ${req.url}`];
		res.writeHead(route ? 200 : 404, { 'content-type': 'application/json' });
		res.end(JSON.stringify(route ? route() : {}));
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A group and a user who is not yet in it, for the write check. */
function writeTarget(sb) {
	const group = sb.store.listGroups().find((g) => g.securityEnabled && !(g.groupTypes ?? []).includes('DynamicMembership'));
	const user = sb.store.listUsers().find((u) => !sb.store.isMember(group.id, u.id));
	return { groupId: group.id, userId: user.id, userPrincipalName: user.userPrincipalName };
}

async function main() {
	const [outDir, seedName = 'demo'] = process.argv.slice(2);
	if (!outDir || !SEEDS[seedName]) throw new Error('usage: node test/e2e/sandbox.js OUT_DIR [demo|paged]');
	const sb = await startSandbox({ seed: SEEDS[seedName] });
	const scope = ['openid', 'offline_access', ...DELEGATED_SCOPES.map((permission) => `${sb.graphUrl}/${permission}`)].join(' ');
	const tokenData = await connectDelegated(sb, scope);
	const stateServer = await serveState(sb);
	fs.mkdirSync(outDir, { recursive: true });
	writeJson(path.join(outDir, 'credentials.json'), credentials(sb, tokenData));
	writeJson(path.join(outDir, 'sandbox.json'), {
		seed: seedName,
		graphUrl: sb.graphUrl,
		loginUrl: sb.loginUrl,
		tenantId: sb.tenantId,
		tenantDomain: sb.tenantDomain,
		users: sb.store.listUsers().length,
		groups: sb.store.listGroups().length,
		credentialIds: CREDENTIAL_IDS,
		writeTarget: writeTarget(sb),
		stateUrl: `http://127.0.0.1:${stateServer.address().port}`,
	});
	console.log(`Sandbox (${seedName} tenant, ${sb.store.listUsers().length} users): Graph ${sb.graphUrl}/v1.0, login ${sb.loginUrl}/${sb.tenantId}`);
	const stop = async () => {
		stateServer.close();
		await sb.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { connectDelegated, credentials, CREDENTIAL_IDS };
