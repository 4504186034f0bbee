#!/usr/bin/env node
'use strict';
// Runs each imported e2e workflow with the real n8n CLI (`n8n execute --id=… --rawOutput`) and
// checks its output against the sandbox's own state and request log (served by sandbox.js).
// Prints one PASS/FAIL line a case and `Cases: N passed, M failed`; exits 1 on any failure.
// Usage: node test/e2e/run-cases.js SANDBOX_JSON   (env: N8N_BIN and n8n's N8N_* variables;
// E2E_LINE=current adds the cases only the current n8n line runs: workflows-current/*.json)
const assert = require('node:assert/strict');
const { execute } = require('./cli');
const fs = require('node:fs');

const sandbox = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const PAGE_SIZE = 999; // Graph's largest page, which Return All asks for
// The workflows read the sandbox's URL and write target from $env.
const cliEnv = {
	...process.env,
	E2E_GRAPH_URL: sandbox.graphUrl,
	E2E_GROUP_ID: sandbox.writeTarget.groupId,
	E2E_MEMBER_UPN: sandbox.writeTarget.userPrincipalName,
	E2E_TOOL_USER_ID: sandbox.writeTarget.userId,
};
const line = process.env.E2E_LINE ?? 'pinned';

async function sandboxCall(method, path) {
	const response = await fetch(`${sandbox.stateUrl}${path}`, { method });
	assert.ok(response.ok, `sandbox ${method} ${path} answered ${response.status}`);
	return await response.json();
}

/** The JSON of the items a node returned. */
function outputOf(run, nodeName) {
	const [task] = run.data.resultData.runData[nodeName] ?? [];
	assert.ok(task, `node "${nodeName}" did not run`);
	assert.equal(task.error, undefined, `node "${nodeName}" failed: ${task.error?.message}`);
	return task.data.main[0].map((item) => item.json);
}

/** Every user of the tenant, once each, read with $top=999 pages following @odata.nextLink. */
function checkAllUsers(run, { after, requests }) {
	const users = outputOf(run, 'Microsoft Entra ID');
	const ids = users.map((user) => user.id);
	assert.equal(new Set(ids).size, ids.length, 'a user came twice');
	const tenant = new Set(after.userIds);
	assert.ok(ids.length === tenant.size && ids.every((id) => tenant.has(id)), `got ${ids.length} users, the sandbox has ${tenant.size}`);
	const pages = requests.filter((r) => r.method === 'GET' && r.path === '/v1.0/users' && r.status === 200);
	const expected = Math.ceil(after.userIds.length / PAGE_SIZE);
	assert.equal(pages.length, expected, `read ${pages.length} pages of /users, expected ${expected}`);
	assert.ok(pages.every((page) => page.query.$top === String(PAGE_SIZE)), `pages not all $top=${PAGE_SIZE}: ${JSON.stringify(pages.map((p) => p.query))}`);
	assert.ok(pages.slice(1).every((page) => page.query.$skiptoken), 'a later page did not come from @odata.nextLink');
	return `${ids.length} users in ${pages.length} pages of $top=${PAGE_SIZE}`;
}

function checkOrganization(run, { requests }) {
	const [body] = outputOf(run, 'HTTP Request');
	assert.equal(body.value?.[0]?.id, sandbox.tenantId, `unexpected body ${JSON.stringify(body).slice(0, 200)}`);
	assert.ok(requests.some((r) => r.method === 'GET' && r.path === '/v1.0/organization' && r.status === 200), 'the sandbox saw no GET /v1.0/organization');
	return `organization ${body.value[0].displayName}`;
}

/** The client credentials grant went to the sandbox's token endpoint (through MSAL). */
function checkAppToken({ tokens }) {
	assert.ok(tokens.some((t) => t.grantType === 'client_credentials' && t.status === 200), `no app-only token issued: ${JSON.stringify(tokens)}`);
}

const CASES = [
	{
		title: 'Entra ID node, delegated credential: User → Get Many, Return All lists every user across pages',
		workflow: 'EntraUsersDelegated',
		check: checkAllUsers,
	},
	{
		title: 'Entra ID node, app-only credential (client secret through MSAL): User → Get Many, Return All',
		workflow: 'EntraUsersAppOnly',
		check: (run, context) => (checkAppToken(context), checkAllUsers(run, context)),
	},
	{
		title: 'HTTP Request node, delegated credential as predefined credential type: GET /v1.0/organization',
		workflow: 'HttpOrgDelegated',
		check: checkOrganization,
	},
	{
		title: 'HTTP Request node, app-only credential as predefined credential type: GET /v1.0/organization',
		workflow: 'HttpOrgAppOnly',
		check: (run, context) => (checkAppToken(context), checkOrganization(run, context)),
	},
	{
		title: 'Entra ID node, delegated: Group → Add Member by UPN changes the sandbox directory',
		workflow: 'EntraGroupAddMember',
		check: (run, { before, after }) => {
			const { groupId, userId } = sandbox.writeTarget;
			assert.ok(!before.members[groupId].includes(userId), 'the user was a member before the run');
			assert.deepEqual(outputOf(run, 'Microsoft Entra ID'), [{ groupId, memberId: userId, added: true }]);
			assert.ok(after.members[groupId].includes(userId), 'the sandbox group does not list the new member');
			return `${sandbox.writeTarget.userPrincipalName} added to group ${groupId}`;
		},
	},
	{
		title: 'Delegated access token expired: n8n refreshes it at the credential\'s token URL and the run succeeds',
		workflow: 'EntraUsersDelegated',
		expireTokens: true,
		check: (run, context) => {
			const refreshed = context.tokens.filter((t) => t.grantType === 'refresh_token');
			assert.ok(refreshed.some((t) => t.status === 200), `no refresh_token grant succeeded: ${JSON.stringify(context.tokens)}`);
			assert.ok(context.requests.some((r) => r.status === 401), 'Graph never answered 401 to the expired token');
			return `refreshed; ${checkAllUsers(run, context)}`;
		},
	},
	{
		title: 'Entra ID node as an AI-agent tool (the generated entraIdTool type, called by n8n\'s Tool Executor): User → Get with the user ID from $fromAI',
		workflow: 'EntraAsAiTool',
		lines: ['current'],
		check: (run, context) => {
			const { userId, userPrincipalName } = sandbox.writeTarget;
			const [answer] = outputOf(run, 'Tool Executor');
			const text = JSON.stringify(answer);
			assert.ok(text.includes(userId) && text.includes(userPrincipalName), `the tool answered ${text.slice(0, 300)}`);
			assert.ok(context.requests.some((r) => r.method === 'GET' && r.path === `/v1.0/users/${userId}` && r.status === 200), 'the sandbox saw no GET of the user');
			checkAppToken(context);
			return `the tool returned ${userPrincipalName}`;
		},
	},
];

async function main() {
	let passed = 0;
	let failed = 0;
	for (const testCase of CASES.filter((candidate) => (candidate.lines ?? ['pinned', 'current']).includes(line))) {
		const started = Date.now();
		try {
			if (testCase.expireTokens) await sandboxCall('POST', '/expire-tokens');
			const before = await sandboxCall('GET', '/state');
			const run = await execute(testCase.workflow, { env: cliEnv });
			const after = await sandboxCall('GET', '/state');
			const context = { before, after, requests: after.log.slice(before.log.length), tokens: after.tokenLog.slice(before.tokenLog.length) };
			const detail = testCase.check(run, context);
			passed++;
			console.log(`PASS ${testCase.title} (${testCase.workflow}, ${((Date.now() - started) / 1000).toFixed(1)} s): ${detail}`);
		} catch (error) {
			failed++;
			console.log(`FAIL ${testCase.title} (${testCase.workflow}): ${error.message}`);
		}
	}
	console.log(`Cases: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	console.log('Cases: 0 passed, 1 failed');
	process.exit(1);
});
