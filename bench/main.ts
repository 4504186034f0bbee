/**
 * npm run bench: our node and n8n's built-in Microsoft Entra ID node, through the same n8n engine,
 * against the Graph sandbox with injected latency. See docs/bench.md.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { BUILTIN_CREDENTIAL_TYPE } from './builtin';
import { checkBars, chartSvg, markdownTable, type Measured, type Row } from './report';
import type { NodeName, Scenario, Store, Tenant } from './scenarios';
import { parametersFor, SCENARIOS } from './scenarios';
import { runThrottled, THROTTLED, throttledBars, throttledLine, throttledTable, type ThrottledRun, type ThrottledSandbox } from './throttled';
import type { Job, Outcome } from './worker';

/** The repository (this file runs as bench/build/bench/main.js). */
const ROOT = path.resolve(__dirname, '../../..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require(path.join(ROOT, 'test/sandbox')) as { startSandbox(options: IDataObject): Promise<Sandbox> };

interface Sandbox extends ThrottledSandbox {
	graphUrl: string;
	loginHttpUrl: string;
	tenantId: string;
	auth: { app: { clientId: string; clientSecret: string }; issueToken(options: IDataObject): string };
	store: Store;
	log: Array<{ batch: false | IDataObject; time: number }>;
	close(): Promise<void>;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Scenario 7 takes about 20 s a run for our node. */
const THROTTLED_RUNS = Number(process.env.BENCH_THROTTLED_RUNS ?? 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const N8N_DIR = path.resolve(ROOT, process.env.BENCH_N8N_DIR ?? '.e2e/n8n');
/** e.g. BENCH_ONLY=1,6 while working on one scenario. */
const ONLY = process.env.BENCH_ONLY?.split(',').map(Number);
/** e.g. BENCH_NODES=ours to compare two versions of this package without the built-in node. */
const NODES = (['ours', 'builtin'] as const).filter((node) => !process.env.BENCH_NODES || process.env.BENCH_NODES.split(',').includes(node));
const RESULTS = path.join(ROOT, 'bench/results');
const USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'entra-bench-'));

function credentials(sandbox: Sandbox): Record<NodeName, { type: string; data: ICredentialDataDecryptedObject }> {
	const { clientId, clientSecret } = sandbox.auth.app;
	const oauthTokenData = { access_token: sandbox.auth.issueToken({ type: 'delegated' }), token_type: 'Bearer' };
	return {
		ours: {
			type: 'entraIdOAuth2Api',
			data: { tenantId: sandbox.tenantId, cloud: 'custom', customGraphUrl: sandbox.graphUrl, customLoginUrl: sandbox.loginHttpUrl, clientId, clientSecret, oauthTokenData },
		},
		builtin: {
			type: BUILTIN_CREDENTIAL_TYPE,
			// The credential's own Graph base URL setting points the node at the sandbox.
			data: {
				graphApiBaseUrl: sandbox.graphUrl,
				authUrl: `${sandbox.loginHttpUrl}/${sandbox.tenantId}/oauth2/v2.0/authorize`,
				accessTokenUrl: `${sandbox.loginHttpUrl}/${sandbox.tenantId}/oauth2/v2.0/token`,
				clientId,
				clientSecret,
				oauthTokenData,
			},
		},
	};
}

/** Runs one job in a fresh process: `prepare` runs once the worker has warmed up, right before the measured run. */
function runWorker(job: Job, prepare: () => void): Promise<Outcome> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'worker.js'), [], {
			execArgv: ['--expose-gc'],
			env: { ...process.env, N8N_USER_FOLDER: USER_FOLDER },
		});
		let outcome: Outcome | undefined;
		child.on('message', (message: 'ready' | Outcome) => {
			if (message !== 'ready') return void (outcome = message);
			prepare();
			child.send('go');
		});
		child.once('error', reject);
		child.once('exit', (code) => (outcome ? resolve(outcome) : reject(new Error(`bench worker exited with ${code}`))));
		child.send(job);
	});
}

async function measure(scenario: Scenario, node: NodeName, sandbox: Sandbox, tenant: Tenant): Promise<Measured> {
	const credential = credentials(sandbox)[node];
	const parameters = parametersFor(scenario, node, tenant);
	const items = scenario.items(tenant);
	const warmup = {
		items: items.slice(0, 20),
		parameters: scenario.kind === 'list' ? { ...parameters, returnAll: false, limit: 20 } : parameters,
	};
	const runs: Measured['runs'] = [];
	for (let run = 0; run < RUNS; run++) {
		scenario.reset?.(tenant);
		const job = { node, n8nDir: N8N_DIR, credentialType: credential.type, credential: credential.data, items, parameters, warmup, measureJson: scenario.kind === 'list' };
		const outcome = await runWorker(job, () => {
			scenario.reset?.(tenant);
			sandbox.clearLog();
		});
		const problem =
			outcome.error ??
			(outcome.outputItems !== scenario.count ? `${outcome.outputItems} output items, expected ${scenario.count}` : undefined) ??
			(outcome.failedItems ? `${outcome.failedItems} items failed` : undefined) ??
			scenario.verify?.(tenant);
		if (problem) throw new Error(`Scenario ${scenario.id} (${node}) did not do its work: ${problem}`);
		const outer = sandbox.log.filter((entry) => entry.batch === false);
		const firstRequestMs = Math.max(0, outer[0].time - outcome.startedAt);
		runs.push({ ...outcome, requests: outer.length, innerRequests: sandbox.log.length - outer.length, firstRequestMs });
		console.log(`  ${scenario.id} ${node.padEnd(7)} run ${run + 1}: ${outer.length} requests, ${outcome.wallMs.toFixed(0)} ms (CPU ${outcome.cpuMs.toFixed(0)} ms; first request after ${firstRequestMs} ms), peak RSS ${(outcome.peakRss / 2 ** 20).toFixed(0)} MB`);
	}
	return { runs };
}

/** A sandbox with `users` generated users, a 20 ms round trip and an empty group for the bench. */
async function openTenant(users: number): Promise<{ sandbox: Sandbox; tenant: Tenant }> {
	const sandbox = await startSandbox({ seed: { users, groups: 10 }, latencyMs: LATENCY_MS });
	const { store } = sandbox;
	const group = store.createGroup({ displayName: 'Bench', mailNickname: 'bench', mailEnabled: false, securityEnabled: true, groupTypes: [] }, { seed: true });
	const userIds = store.listUsers().slice(0, 1000).map((user) => user.id);
	return { sandbox, tenant: { store, userIds, groupId: group.id } };
}

async function main() {
	if (!existsSync(path.join(N8N_DIR, 'node_modules/n8n-nodes-base'))) {
		throw new Error(`n8n is not installed in ${N8N_DIR} (bench/run.sh installs it with test/e2e/install-n8n.sh)`);
	}
	const rows: Row[] = [];
	let open: { users: number; sandbox: Sandbox; tenant: Tenant } | undefined;
	for (const scenario of SCENARIOS.filter(({ id }) => !ONLY || ONLY.includes(id))) {
		if (open?.users !== scenario.tenantUsers) {
			await open?.sandbox.close();
			open = { users: scenario.tenantUsers, ...(await openTenant(scenario.tenantUsers)) };
		}
		console.log(`${scenario.id}. ${scenario.title}`);
		const row: Row = { scenario, results: {} };
		for (const node of NODES) {
			if (scenario.parameters[node]) row.results[node] = await measure(scenario, node, open.sandbox, open.tenant);
		}
		rows.push(row);
	}
	const throttledRuns: ThrottledRun[] = [];
	if (!ONLY || ONLY.includes(THROTTLED.id)) {
		if (!open || open.users < THROTTLED.count) {
			await open?.sandbox.close();
			open = { users: 10_000, ...(await openTenant(10_000)) };
		}
		console.log(`${THROTTLED.id}. ${THROTTLED.title}`);
		for (const node of NODES) {
			const credential = credentials(open.sandbox)[node];
			const job = (items: IDataObject[], parameters: IDataObject): Job => ({
				node, n8nDir: N8N_DIR, credentialType: credential.type, credential: credential.data, items, parameters,
				warmup: { items: items.slice(0, 20), parameters }, measureJson: false, continueOnFail: true,
			});
			for (let run = 0; run < THROTTLED_RUNS; run++) {
				const result = await runThrottled(open.sandbox, node, job, runWorker);
				throttledRuns.push(result);
				console.log(`  ${THROTTLED.id} ${throttledLine(result)}`);
			}
		}
	}
	await open?.sandbox.close();

	const context = { runs: RUNS, latencyMs: LATENCY_MS };
	const table = markdownTable(rows, context) + (throttledRuns.length ? throttledTable(throttledRuns) : '');
	mkdirSync(RESULTS, { recursive: true });
	writeFileSync(path.join(RESULTS, 'results.md'), table);
	if (rows.length) writeFileSync(path.join(RESULTS, 'chart.svg'), chartSvg(rows, context));
	console.log(`\n${table}`);
	const bars = [...checkBars(rows), ...throttledBars(throttledRuns)];
	for (const bar of bars) console.log(`${bar.pass ? 'PASS' : 'FAIL'}  ${bar.text}`);
	console.log(`\nWrote bench/results/results.md and bench/results/chart.svg`);
	process.exitCode = bars.every((bar) => bar.pass) ? 0 : 1;
}

main()
	.catch((error: Error) => {
		console.error(error.stack ?? error);
		process.exitCode = 2;
	})
	.finally(() => rmSync(USER_FOLDER, { recursive: true, force: true }));
