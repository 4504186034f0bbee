#!/usr/bin/env node
'use strict';
// What only a running n8n shows (`n8n start`, as users run it), on the user folder run.sh prepared:
//   - the credential tests the editor's "Test" button runs (POST /rest/credentials/test), for both
//     credentials;
//   - the trigger published with `n8n publish:workflow` before start: activated in the background,
//     it takes its delta link, and its next poll (at most a minute later) emits a user created in the
//     sandbox meanwhile.
// Prints one PASS/FAIL line a case and `Server checks: N passed, M failed`; exits 1 on any failure.
// Usage: node test/e2e/server-checks.js SANDBOX_JSON N8N_LOG   (env: N8N_BIN and n8n's N8N_* variables)
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { cli } = require('./cli');
const { restClient } = require('./rest');

const [sandboxFile, logFile] = process.argv.slice(2);
const sandbox = JSON.parse(fs.readFileSync(sandboxFile, 'utf8'));
const TRIGGER_WORKFLOW = 'EntraTriggerJoiners';
const owner = { email: 'owner@example.com', firstName: 'Entra', lastName: 'Tester', password: 'Entra-Test-2026' };
// n8n stores execution data with `flatted`; read it with the copy beside the n8n being tested.
const n8nModules = path.resolve(fs.realpathSync(process.env.N8N_BIN), '..', 'node_modules');
const flatted = require(require.resolve('flatted', { paths: [n8nModules, path.join(n8nModules, 'n8n')] }));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function sandboxCall(method, route) {
	const response = await fetch(`${sandbox.stateUrl}${route}`, { method });
	assert.ok(response.ok, `sandbox ${method} ${route} answered ${response.status}`);
	return await response.json();
}

async function startN8n(env) {
	const port = await freePort();
	const log = fs.openSync(logFile, 'w');
	const child = spawn(process.env.N8N_BIN, ['start'], { env: { ...env, N8N_PORT: String(port) }, stdio: ['ignore', log, log] });
	const base = `http://127.0.0.1:${port}`;
	const started = Date.now();
	// The owner, as the setup page creates it; asking is also the readiness check (503, then 404 until mounted).
	while (Date.now() - started < 120_000) {
		assert.equal(child.exitCode, null, `n8n start exited with ${child.exitCode}; see ${logFile}`);
		const status = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		}).then((response) => response.status, () => 0);
		if (status === 200) return { child, base, seconds: (Date.now() - started) / 1000 };
		await sleep(500);
	}
	throw new Error(`n8n did not answer its owner setup within 120 s; see ${logFile}`);
}

/** What the credential window's Test button sends: the form's data as n8n gave it (secrets redacted). */
async function credentialTest(rest, id) {
	const { name, type, data } = await rest('GET', `/credentials/${id}?includeData=true`);
	return await rest('POST', '/credentials/test', { credentials: { id, name, type, data } });
}

/** The trigger's activation poll asks Graph for a fresh delta link ($deltatoken=latest). */
async function waitForActivation(timeoutMs) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const { log } = await sandboxCall('GET', '/state');
		if (log.some((r) => r.path === '/v1.0/users/delta' && r.query.$deltatoken === 'latest' && r.status === 200)) return;
		await sleep(1000);
	}
	throw new Error(`the published trigger did not activate within ${timeoutMs / 1000} s (no /users/delta?$deltatoken=latest)`);
}

async function waitForExecution(rest, timeoutMs) {
	const started = Date.now();
	const filter = encodeURIComponent(JSON.stringify({ workflowId: TRIGGER_WORKFLOW }));
	while (Date.now() - started < timeoutMs) {
		const { results } = await rest('GET', `/executions?filter=${filter}`);
		const done = results.find((execution) => ['success', 'error', 'crashed'].includes(execution.status));
		if (done) return await rest('GET', `/executions/${done.id}`);
		await sleep(2000);
	}
	throw new Error(`no execution of ${TRIGGER_WORKFLOW} within ${timeoutMs / 1000} s`);
}

const CASES = [
	{
		title: 'Credential test (POST /rest/credentials/test), app-only credential: a token from the sandbox and GET /organization',
		run: async ({ rest }) => {
			const before = (await sandboxCall('GET', '/state')).log.length;
			const result = await credentialTest(rest, sandbox.credentialIds.appOnly);
			assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' }, `answered ${JSON.stringify(result)}`);
			const requests = (await sandboxCall('GET', '/state')).log.slice(before);
			assert.ok(requests.some((r) => r.path === '/v1.0/organization' && r.status === 200), 'the test never reached GET /organization');
			return result.message;
		},
	},
	{
		// n8n's editor offers no Test for OAuth2 credentials (its Connect button is the test), and the
		// form data it would send holds no token: the REST test says so rather than passing or hanging.
		title: 'Credential test, delegated credential: n8n answers that the form holds no access token (Connect is the test of an OAuth2 credential)',
		run: async ({ rest }) => {
			const result = await credentialTest(rest, sandbox.credentialIds.delegated);
			assert.equal(result.status, 'Error', `answered ${JSON.stringify(result)}`);
			assert.match(result.message, /without access token/, `answered ${JSON.stringify(result)}`);
			return `${result.status}: ${result.message}`;
		},
	},
	{
		title: 'Trigger published with n8n publish:workflow: activated in n8n start, its next poll emits a user created in the sandbox',
		run: async ({ rest }) => {
			await waitForActivation(90_000);
			const joiner = await sandboxCall('POST', '/users');
			const started = Date.now();
			const execution = await waitForExecution(rest, 150_000);
			assert.equal(execution.status, 'success', `the trigger's execution ended ${execution.status}`);
			const runData = flatted.parse(execution.data).resultData.runData;
			const items = runData['Joiner received'][0].data.main[0].map((item) => item.json);
			assert.deepEqual(
				items.map(({ event, objectType, id }) => ({ event, objectType, id })),
				[{ event: 'userCreated', objectType: 'user', id: joiner.id }],
				`the trigger emitted ${JSON.stringify(items).slice(0, 300)}`,
			);
			assert.equal(items[0].object.userPrincipalName, joiner.userPrincipalName);
			return `${joiner.userPrincipalName} emitted ${((Date.now() - started) / 1000).toFixed(0)} s after it was created`;
		},
	},
];

async function main() {
	const env = process.env;
	await cli(['publish:workflow', `--id=${TRIGGER_WORKFLOW}`], { env });
	const n8n = await startN8n(env);
	console.log(`n8n start answered after ${n8n.seconds.toFixed(1)} s (log: ${logFile})`);
	let passed = 0;
	let failed = 0;
	try {
		const rest = restClient(n8n.base);
		await rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		for (const testCase of CASES) {
			const started = Date.now();
			try {
				const detail = await testCase.run({ rest });
				passed++;
				console.log(`PASS ${testCase.title} (${((Date.now() - started) / 1000).toFixed(1)} s): ${detail}`);
			} catch (error) {
				failed++;
				console.log(`FAIL ${testCase.title}: ${error.message}`);
			}
		}
	} finally {
		n8n.child.kill('SIGTERM');
		await new Promise((resolve) => (n8n.child.exitCode === null ? n8n.child.once('exit', resolve) : resolve()));
	}
	console.log(`Server checks: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	console.log('Server checks: 0 passed, 1 failed');
	process.exit(1);
});
