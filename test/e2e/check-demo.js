#!/usr/bin/env node
'use strict';
// Checks a running `npm run demo` the way a user would use it, through n8n's REST API: signs in
// with the printed login, connects the delegated credential again as the editor's "Connect" button
// does (n8n's authorize URL, the sandbox's consent, n8n's callback), runs both example workflows
// and compares the users they listed with the sandbox's directory. Exits 1 on any difference.
// Usage: node test/e2e/check-demo.js [EDITOR_URL]   (default http://127.0.0.1:5678; DEMO_HOME as for demo.sh)
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const { restClient } = require('./rest');

const root = path.join(__dirname, '..', '..');
const home = process.env.DEMO_HOME ?? path.join(root, '.e2e', 'demo');
// n8n stores execution data with `flatted` (circular JSON); read it with n8n's own copy, from
// where test/e2e/install-n8n.sh put it.
const n8nVersion = require(path.join(root, 'test', 'e2e', 'n8n', 'package.json')).dependencies.n8n;
const n8nDir = process.env.N8N_INSTALL_DIR ?? path.join(process.env.ENTRA_E2E_CACHE ?? path.join(require('node:os').homedir(), '.cache', 'n8n-nodes-entra-id'), `n8n-${n8nVersion}`);
const { parse: parseFlatted } = require(path.join(n8nDir, 'node_modules', 'flatted'));

const editor = process.argv[2] ?? 'http://127.0.0.1:5678';
const workflowIds = ['EntraUsersDelegated', 'EntraUsersAppOnly'];
const rest = restClient(editor);

/** The sandbox's consent page answers with a redirect to n8n's callback (over https, its test CA). */
function consent(authorizeUrl) {
	const ca = fs.readFileSync(path.join(root, 'test', 'sandbox', 'certs', 'ca.pem'));
	return new Promise((resolve, reject) => {
		https.get(authorizeUrl, { ca }, (response) => {
			response.resume();
			resolve(response.headers.location);
		}).on('error', reject);
	});
}

async function tokenGrants(sandbox) {
	const state = await (await fetch(`${sandbox.stateUrl}/state`)).json();
	return state.tokenLog.filter((entry) => entry.grantType === 'authorization_code' && entry.status === 200).length;
}

async function connectDelegated(sandbox) {
	const before = await tokenGrants(sandbox);
	const authorizeUrl = await rest('GET', '/oauth2-credential/auth?id=EntraDelegated01');
	const callback = await consent(authorizeUrl);
	assert.ok(callback?.startsWith(`${editor}/rest/oauth2-credential/callback?code=`), `the sandbox sent the browser to ${callback}`);
	const page = await fetch(callback, { headers: rest.session() });
	assert.ok(page.ok, `n8n's OAuth2 callback answered ${page.status}`);
	assert.equal(await tokenGrants(sandbox), before + 1, "n8n's callback did not redeem the code at the sandbox's token endpoint");
}

async function runWorkflow(workflowId) {
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
	assert.equal(execution.status, 'success', `execution ${executionId} of ${workflowId} ended ${execution.status}`);
	const [task] = parseFlatted(execution.data).resultData.runData['Microsoft Entra ID'];
	return { name: workflow.name, ids: task.data.main[0].map((item) => item.json.id) };
}

async function main() {
	const started = Date.now();
	const sandbox = JSON.parse(fs.readFileSync(path.join(home, 'sandbox', 'sandbox.json'), 'utf8'));
	await rest('POST', '/login', { emailOrLdapLoginId: 'demo@example.com', password: 'Entra-Demo-2026' });
	await connectDelegated(sandbox);
	console.log('Signed in; the delegated credential connected again through n8n\'s OAuth2 callback');
	for (const workflowId of workflowIds) {
		const { name, ids } = await runWorkflow(workflowId);
		const state = await (await fetch(`${sandbox.stateUrl}/state`)).json();
		const tenant = new Set(state.userIds);
		assert.ok(ids.length === tenant.size && ids.every((id) => tenant.has(id)), `${workflowId} listed ${ids.length} users, the sandbox has ${tenant.size}`);
		console.log(`Ran "${name}": ${ids.length} of ${tenant.size} sandbox users listed`);
	}
	console.log(`Demo OK in ${Date.now() - started} ms`);
}

main().catch((error) => {
	console.error(`Demo check failed: ${error.message}`);
	process.exit(1);
});
