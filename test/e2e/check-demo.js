#!/usr/bin/env node
'use strict';
// Checks a running `npm run demo` the way a user would use it, through n8n's REST API: signs in
// with the printed login, runs the example workflow, waits for its execution and compares the
// users it listed with the sandbox's directory. Exits 1 on any difference.
// Usage: node test/e2e/check-demo.js [EDITOR_URL]   (default http://127.0.0.1:5678; DEMO_HOME as for demo.sh)
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const home = process.env.DEMO_HOME ?? path.join(root, '.e2e', 'demo');
// n8n stores execution data with `flatted` (circular JSON); read it with n8n's own copy.
const { parse: parseFlatted } = require(path.join(root, '.e2e', 'n8n', 'node_modules', 'flatted'));

const editor = process.argv[2] ?? 'http://127.0.0.1:5678';
const workflowId = 'EntraUsersDelegated';
const browserId = randomUUID(); // n8n binds its session cookie to this header
let cookie = '';

async function rest(method, route, body) {
	const response = await fetch(`${editor}/rest${route}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': browserId, cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	assert.ok(response.ok, `${method} /rest${route} answered ${response.status}: ${text.slice(0, 300)}`);
	cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') || cookie;
	return JSON.parse(text).data;
}

async function main() {
	const started = Date.now();
	const sandbox = JSON.parse(fs.readFileSync(path.join(home, 'sandbox', 'sandbox.json'), 'utf8'));
	await rest('POST', '/login', { emailOrLdapLoginId: 'demo@example.com', password: 'Entra-Demo-2026' });
	const workflow = await rest('GET', `/workflows/${workflowId}`);
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const { executionId } = await rest('POST', `/workflows/${workflowId}/run`, { workflowData: workflow, triggerToStartFrom: { name: trigger.name } });
	assert.ok(executionId, 'n8n started no execution');
	let execution;
	for (let attempt = 0; attempt < 120; attempt++) {
		execution = await rest('GET', `/executions/${executionId}`);
		if (execution.finished || ['success', 'error', 'crashed'].includes(execution.status)) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	assert.equal(execution.status, 'success', `execution ${executionId} ended ${execution.status}`);
	const [task] = parseFlatted(execution.data).resultData.runData['Microsoft Entra ID'];
	const ids = task.data.main[0].map((item) => item.json.id);
	const state = await (await fetch(`${sandbox.stateUrl}/state`)).json();
	const tenant = new Set(state.userIds);
	assert.ok(ids.length === tenant.size && ids.every((id) => tenant.has(id)), `listed ${ids.length} users, the sandbox has ${tenant.size}`);
	console.log(`Demo OK: signed in, ran "${workflow.name}" (execution ${executionId}), ${ids.length} of ${state.userIds.length} sandbox users listed, in ${Date.now() - started} ms`);
}

main().catch((error) => {
	console.error(`Demo check failed: ${error.message}`);
	process.exit(1);
});
