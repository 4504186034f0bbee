#!/usr/bin/env node
'use strict';
// The n8n editor as a new user clicks through it, in Debian's Chromium driven by playwright-core:
// set up the owner, create the app-only credential in its form and test it, add the node from the
// picker by searching, choose resource and operation, open the user picker (list mode, with search)
// and see the sandbox's users, execute the node and see its output; then the trigger's "Fetch Test
// Event". Each step checks what is on screen and saves a screenshot (editor-*.png) to SCREENSHOTS:
// the ignored test-results/browser by default, so a test run changes no tracked file;
// SCREENSHOTS=docs/images refreshes the README's.
// Prints one PASS/FAIL line a step and `Browser: N passed, M failed`; a failed step stops the run
// (the next ones build on it) and leaves a screenshot of the failure beside the others.
// Usage: node test/browser/editor.js SANDBOX_DIR   (env: N8N_URL, N8N_LOG; SCREENSHOTS)
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.join(__dirname, '..', '..');
const sandboxDir = process.argv[2];
const base = process.env.N8N_URL;
const shots = path.resolve(root, process.env.SCREENSHOTS ?? 'test-results/browser');
const sandbox = JSON.parse(fs.readFileSync(path.join(sandboxDir, 'sandbox.json'), 'utf8'));
const appOnly = JSON.parse(fs.readFileSync(path.join(sandboxDir, 'credentials.json'), 'utf8')).find((c) => c.type === 'entraIdAppOnlyApi').data;
const owner = { email: 'owner@example.com', firstName: 'Entra', lastName: 'Admin', password: 'Entra-Test-2026' };
const NODE = 'Microsoft Entra ID Admin';
const APP_ONLY_TYPE = 'Microsoft Entra ID Admin (App-Only) API';
const APP_ONLY_CREDENTIAL_NAME = 'Microsoft Entra ID Admin (App-Only) account';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const testId = (page, id) => page.locator(`[data-test-id="${id}"]`);

async function shot(page, name) {
	await page.screenshot({ path: path.join(shots, `editor-${name}.png`) });
}

/** n8n's readiness check, then the editor itself, which comes a little later. */
async function waitForN8n(page) {
	const started = Date.now();
	while (Date.now() - started < 120_000) {
		const response = await page.request.get(`${base}/healthz/readiness`, { failOnStatusCode: false }).catch(() => undefined);
		if (response?.status() === 200) return (Date.now() - started) / 1000;
		await sleep(500);
	}
	throw new Error(`n8n was not ready within 120 s; see ${process.env.N8N_LOG}`);
}

/** After its REST API answers, n8n serves "n8n is starting up", then 404s, before the editor. */
async function openWhenReady(page, url) {
	for (let attempt = 0; attempt < 60; attempt++) {
		await page.goto(url);
		await page.waitForLoadState('networkidle');
		if (!(await page.getByText(/n8n is starting up|Cannot GET/).count())) return;
		await sleep(1000);
	}
	throw new Error('the editor did not open within 60 s');
}

/** Types into a credential or node parameter field, found by its parameter name. */
async function fill(scope, name, value) {
	const field = scope.locator(`[data-test-id="parameter-input-${name}"] input, [data-test-id="parameter-input-${name}"] textarea`).first();
	await field.click();
	await field.fill(value);
}

/** Picks an option of an options parameter by its display name. */
async function choose(page, scope, name, optionText) {
	await scope.locator(`[data-test-id="parameter-input-${name}"]`).click();
	// An option shows its name and, below it, its description.
	await page.getByRole('option').filter({ has: page.getByText(optionText, { exact: true }) }).first().click();
}

const STEPS = [
	{
		title: 'Owner account set up in its form; the editor opens signed in',
		run: async ({ page }) => {
			const seconds = await waitForN8n(page);
			await openWhenReady(page, base);
			await page.locator('input[name="email"]').fill(owner.email);
			await page.locator('input[name="firstName"]').fill(owner.firstName);
			await page.locator('input[name="lastName"]').fill(owner.lastName);
			await page.locator('input[name="password"]').fill(owner.password);
			await page.getByRole('button', { name: 'Next' }).click();
			await page.waitForURL((url) => !url.pathname.includes('setup'));
			await openWhenReady(page, `${base}/home/credentials`);
			return `n8n ready after ${seconds.toFixed(1)} s`;
		},
	},
	{
		title: 'Credential type picker: searching "Entra" lists this package\'s two credentials apart from n8n\'s own',
		run: async ({ page }) => {
			await page.getByRole('button', { name: /create credential|add first credential/i }).first().click();
			const picker = testId(page, 'new-credential-type-select');
			await picker.click();
			await page.keyboard.type('Entra');
			const options = testId(page, 'new-credential-type-select-option');
			await options.first().waitFor();
			const names = (await options.allInnerTexts()).map((text) => text.trim());
			await shot(page, 'credential-types');
			assert.ok(names.includes(APP_ONLY_TYPE), `the picker offers ${JSON.stringify(names)}`);
			assert.ok(names.includes('Microsoft Entra ID Admin (Delegated) OAuth2 API'), `the picker offers ${JSON.stringify(names)}`);
			await options.filter({ hasText: APP_ONLY_TYPE }).click();
			await testId(page, 'new-credential-type-button').click();
			return names.join(' | ');
		},
	},
	{
		title: 'App-only credential created in its form (custom cloud = the sandbox) and tested on save',
		run: async ({ page }) => {
			const modal = testId(page, 'editCredential-modal');
			await modal.waitFor();
			await fill(modal, 'tenantId', appOnly.tenantId);
			await fill(modal, 'clientId', appOnly.clientId);
			await fill(modal, 'clientSecret', appOnly.clientSecret);
			await choose(page, modal, 'cloud', 'Custom');
			await fill(modal, 'customGraphUrl', appOnly.customGraphUrl);
			await fill(modal, 'customLoginUrl', appOnly.customLoginUrl);
			await testId(page, 'credential-save-button').click();
			await modal.getByText(/connection tested successfully/i).waitFor({ timeout: 30_000 });
			await shot(page, 'credential-tested');
			await page.keyboard.press('Escape');
			return 'Connection tested successfully';
		},
	},
	{
		title: 'Node picker on a new workflow: searching "Entra" shows this package apart from n8n\'s built-in node',
		run: async ({ page }) => {
			await openWhenReady(page, `${base}/workflow/new`);
			await testId(page, 'canvas-add-button').click();
			const creator = testId(page, 'node-creator');
			await creator.waitFor();
			await page.keyboard.type('Entra');
			await creator.getByText(NODE, { exact: true }).first().waitFor();
			await shot(page, 'node-picker');
			const text = await creator.innerText();
			assert.ok(text.includes('community package n8n-nodes-entra-id'), 'the picker entry does not say it is this package');
			await creator.getByText(NODE, { exact: true }).first().click();
			await creator.getByText(/User Created/i).first().waitFor();
			await shot(page, 'trigger-actions');
			await creator.getByText(/User Created/i).first().click();
			return 'found by search, its trigger events listed';
		},
	},
	{
		title: 'Trigger: Fetch Test Event shows a real user of the sandbox tenant, said to be one',
		run: async ({ page }) => {
			const ndv = testId(page, 'ndv');
			await ndv.waitFor();
			// n8n picks the only credential that fits, and with it the App-Only authentication.
			const credential = await testId(page, 'node-credentials-select').locator('input').first().inputValue();
			assert.equal(credential, APP_ONLY_CREDENTIAL_NAME);
			// A new workflow is saved when its first node is added; a run asked before that is dropped.
			await page.waitForURL((url) => /\/workflow\/(?!new)/.test(url.pathname));
			await page.waitForLoadState('networkidle');
			await ndv.getByRole('button', { name: 'Fetch Test Event' }).last().click();
			await ndv.getByText(/A real object of your tenant/).first().waitFor({ timeout: 30_000 });
			await shot(page, 'trigger-test-event');
			const { userIds } = await (await fetch(`${sandbox.stateUrl}/state`)).json();
			const text = await ndv.innerText();
			assert.ok(userIds.some((id) => text.includes(id)), 'the test event names no user of the sandbox');
			assert.ok(!text.includes('Adele Vance'), 'the test event is the made-up sample');
			await page.keyboard.press('Escape');
			return 'userCreated test event built on a sandbox user';
		},
	},
	{
		title: 'Node added after the trigger from the picker by searching; its actions listed; an action sets resource and operation',
		run: async ({ page }) => {
			await testId(page, 'canvas-handle-plus').first().click();
			const creator = testId(page, 'node-creator');
			await creator.waitFor();
			await page.keyboard.type('Entra ID Admin');
			await creator.getByText(NODE, { exact: true }).first().click();
			await creator.getByText('Get many users', { exact: true }).waitFor();
			await shot(page, 'node-actions');
			const text = await creator.innerText();
			assert.match(text, /Manage Entra ID users, groups and licenses/, 'the actions panel does not describe the node');
			await creator.getByText('Get many users', { exact: true }).click();
			const ndv = testId(page, 'ndv');
			await ndv.waitFor();
			const shown = async (name) => await testId(page, `parameter-input-${name}`).locator('input').first().inputValue();
			assert.deepEqual([await shown('resource'), await shown('operation')], ['User', 'Get Many']);
			await choose(page, ndv, 'operation', 'Get');
			return 'User → Get Many from the action, then Get chosen';
		},
	},
	{
		title: 'User picker (list mode): the sandbox\'s users, narrowed by a search',
		run: async ({ page }) => {
			const ndv = testId(page, 'ndv');
			await testId(page, 'rlc-input').first().click();
			await page.keyboard.type('Megan');
			const items = page.locator('[data-test-id="rlc-item"]');
			await items.filter({ hasText: 'Megan' }).first().waitFor();
			const names = (await items.allInnerTexts()).map((name) => name.trim());
			await shot(page, 'user-picker');
			assert.ok(names.length > 0 && names.every((name) => /Megan/.test(name)), `the picker lists ${JSON.stringify(names)}`);
			await items.first().click();
			await ndv.getByRole('button', { name: /Execute step/i }).first().click();
			const upn = /\(([^)]+@[^)]+)\)/.exec(names[0])?.[1];
			assert.ok(upn, `no user principal name in "${names[0]}"`);
			await ndv.getByText(upn).first().waitFor({ timeout: 30_000 });
			await shot(page, 'node-output');
			await page.keyboard.press('Escape');
			return `${names.length} users named Megan listed; Get returned ${upn}`;
		},
	},
	{
		title: 'Canvas: the subtitles name the event and the operation by their display names',
		run: async ({ page }) => {
			const canvas = await page.locator('[data-test-id="canvas-node"]').allInnerTexts();
			const text = canvas.join(' | ');
			assert.match(text, /User Created/, `the canvas shows ${text}`);
			assert.match(text, /Get: User/, `the canvas shows ${text}`);
			await shot(page, 'canvas');
			return text.replace(/\s+/g, ' ');
		},
	},
];

async function main() {
	fs.mkdirSync(shots, { recursive: true });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	page.setDefaultTimeout(20_000);
	if (process.env.BROWSER_DEBUG) {
		page.on('request', (request) => request.url().includes('/rest/') && console.log(`  > ${request.method()} ${request.url().replace(base, '')}`));
		page.on('response', (response) => response.url().includes('/rest/') && console.log(`  < ${response.status()} ${response.url().replace(base, '').slice(0, 120)}`));
		page.on('console', (message) => ['error', 'warning'].includes(message.type()) && console.log(`  console: ${message.text().slice(0, 300)}`));
		page.on('websocket', (socket) => console.log(`  websocket ${socket.url()}`));
	}
	let passed = 0;
	let failed = 0;
	try {
		for (const step of STEPS) {
			const started = Date.now();
			try {
				const detail = await step.run({ page });
				passed++;
				console.log(`PASS ${step.title} (${((Date.now() - started) / 1000).toFixed(1)} s): ${detail}`);
			} catch (error) {
				failed++;
				await page.screenshot({ path: path.join(shots, 'editor-failed.png') }).catch(() => undefined);
				console.log(`FAIL ${step.title}: ${error.message.split('\n')[0]} (screenshot: ${path.join(shots, 'editor-failed.png')})`);
				break;
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`Browser: ${passed} passed, ${failed} failed of ${STEPS.length} steps`);
	process.exitCode = failed || passed < STEPS.length ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	console.log('Browser: 0 passed, 1 failed');
	process.exit(1);
});
