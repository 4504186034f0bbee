#!/usr/bin/env node
'use strict';
// The queue-mode test's driver (started by run.sh, which provides Redis, Postgres and the package
// installed in each user folder). Runs the Graph sandbox in this process, imports the workflows
// into Postgres with n8n's CLI, starts n8n main and two workers, and checks, end to end: the
// examples on the workers, the change trigger across restarts, a bulk run whose worker is
// stopped half-way, and token requests per process. Prints PASS/FAIL lines, the figures, and
// `Queue: N passed, M failed`; exits 1 on any failure.
// Env: N8N_BIN, QUEUE_WORK, REDIS_PORT, PG_PORT, PG_PASSWORD and lib.sh's N8N_* variables.
const fs = require('node:fs');
const path = require('node:path');

const { cli } = require('../e2e/cli');
const { credentials, CREDENTIAL_NAME } = require('../examples/run');
const { startSandbox } = require('../sandbox');
const { seedBulkUsers, interruptedRun, checkInterrupted, rerun, BULK_USERS, DEPARTMENT } = require('./cases/bulk');
const { runExamples } = require('./cases/examples');
const { checkTokens, checkPolls } = require('./cases/per-process');
const { TriggerWatch, beforeRestarts, acrossMainRestart, acrossWorkerRestart } = require('./cases/trigger');
const { Cluster, waitFor } = require('./cluster');
const { connect, n8nModules } = require('./db');
const { Report, runnerOf } = require('./steps');
const { exampleOnWebhook, triggerWorkflow, bulkWorkflow } = require('./workflows');

const WORKERS = ['worker1', 'worker2'];

/** What every n8n process of the cluster shares, besides lib.sh's environment. */
function queueEnv() {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: process.env.REDIS_PORT,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: process.env.PG_PORT,
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: process.env.PG_PASSWORD,
		// Test only, to see a lost worker's job given up in seconds instead of a minute or two:
		// Bull's job lock (default 60 s, renewed every 10 s) and its stalled-job check (30 s).
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
	};
}

const deltaPolls = (log) => log.filter((entry) => entry.path === '/v1.0/users/delta').length;

async function webhookRegistered(url) {
	try {
		const response = await fetch(url);
		return response.status === 404 && (await response.text()).includes('Did you mean to make a POST request');
	} catch {
		return false;
	}
}

/** Starts main and waits until its webhooks answer and the trigger has polled once. */
async function startMain(context, workflows) {
	const { cluster, sb } = context;
	const polls = deltaPolls(sb.log);
	const instance = await cluster.start('main');
	for (const workflow of workflows.filter((candidate) => candidate.webhookPath)) {
		await waitFor(`webhook ${workflow.webhookPath} on ${instance}`, () => webhookRegistered(`${cluster.mainUrl}/webhook/${workflow.webhookPath}`), { timeoutMs: 60_000 });
	}
	await waitFor(`the trigger's first poll on ${instance}`, () => deltaPolls(sb.log) > polls, { timeoutMs: 60_000 });
	return instance;
}

async function importWorkflows(context, workflows) {
	const { work, sb } = context;
	const dir = path.join(work, 'import');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials(sb)), { mode: 0o600 });
	for (const workflow of workflows) {
		const { webhookPath, ...stored } = workflow;
		fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(stored));
	}
	const env = { ...process.env, ...queueEnv(), N8N_USER_FOLDER: context.cluster.userFolder('main') };
	await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`], { env });
	await cli(['import:workflow', '--separate', `--input=${dir}`], { env });
	await Promise.all(workflows.map((workflow) => cli(['publish:workflow', `--id=${workflow.id}`], { env })));
}

function printFigures(context, tokens, bulk, startedAt) {
	const { figures } = context;
	const byRunner = {};
	for (const { runner } of figures.all) byRunner[runner] = (byRunner[runner] ?? 0) + 1;
	const byWorkflow = {};
	for (const { workflowId } of figures.all) byWorkflow[workflowId] = (byWorkflow[workflowId] ?? 0) + 1;
	console.log('Figures:');
	console.log(`  executions: ${figures.all.length} (by workflow ${JSON.stringify(byWorkflow)}; by process ${JSON.stringify(byRunner)})`);
	if (tokens) console.log(`  token requests per process (token lifetime ${tokens.lifetime} s): ${JSON.stringify(tokens.perInstance)}; ${tokens.total} in all`);
	if (bulk) {
		console.log(`  worker stop: ${bulk.runner} got SIGTERM with ${bulk.doneAtTerm} of ${BULK_USERS} users done, SIGKILL ${bulk.stopped.ms} ms later with ${bulk.doneAtKill} done` +
			` (${bulk.waitedFor.length ? `it logged "${bulk.waitedFor[0].split(': ').slice(1).join(': ')}"` : 'no wait logged'}); execution ${bulk.executionId} → "${bulk.status}"` +
			` ${(bulk.verdictAfterMs / 1000).toFixed(0)} s later ("${bulk.error}"); ${bulk.doneAfter} users changed by it; rerun: ${bulk.rerunPatches ?? '?'} writes, execution ${bulk.rerunId ?? '?'} on ${bulk.rerunRunner ?? '?'}`);
	}
	console.log(`  time: ${((Date.now() - startedAt) / 1000).toFixed(0)} s for the driver`);
}

async function main() {
	const startedAt = Date.now();
	const work = process.env.QUEUE_WORK;
	const report = new Report();
	const sb = await startSandbox({ seed: 'demo' });
	seedBulkUsers(sb.store);
	const probeFile = path.join(work, 'requests.jsonl');
	const cluster = new Cluster({ work, env: queueEnv(), probe: path.join(__dirname, 'probe.js'), probeFile });
	const context = { work, sb, cluster, report, db: undefined, figures: { executions: [], all: [] } };
	const credential = { id: credentials(sb)[0].id, name: CREDENTIAL_NAME };
	const examples = Object.fromEntries(['joiner.json', 'mover.json', 'leaver.json'].map((file) => [file, exampleOnWebhook(file)]));
	const trigger = triggerWorkflow(credential);
	const bulk = bulkWorkflow(credential, DEPARTMENT);
	const workflows = [...Object.values(examples), trigger, bulk];
	let tokens;
	let bulkOutcome;
	try {
		const up = await report.check('Queue mode up: n8n main and two workers on Redis and Postgres, the package installed in each user folder', async () => {
			await importWorkflows(context, workflows);
			context.db = await connect();
			const instances = await Promise.all([startMain(context, workflows), ...WORKERS.map((name) => cluster.start(name))]);
			const version = require(path.join(n8nModules(), 'n8n', 'package.json')).version;
			return `n8n ${version} on Node ${process.version}: ${instances.join(', ')}; ${workflows.length} workflows published; ${sb.store.listUsers().length} sandbox users`;
		});
		if (!up) return report;

		await runExamples(context, examples);

		const watch = new TriggerWatch(context, trigger);
		await report.check('Trigger on main: a change after activation is emitted once, in an execution run by a worker', () => beforeRestarts(watch));
		await report.check('Trigger across a restart of main: changes made while main was down are emitted by its first poll', () =>
			acrossMainRestart(watch, () => startMain(context, workflows)));
		for (const name of WORKERS) {
			await report.check(`Trigger across a restart of ${name}: the other worker runs the executions meanwhile`, () => acrossWorkerRestart(watch, name));
		}

		await report.check(`Bulk update of ${BULK_USERS} users, its worker stopped half-way (SIGTERM, SIGKILL after 5 s)`, async () => {
			bulkOutcome = await interruptedRun(context, bulk);
			return checkInterrupted(bulkOutcome);
		});
		await report.check(`Bulk rerun converges: all ${BULK_USERS} users changed, one result each, no duplicates`, async () => {
			const result = await rerun(context, bulk);
			Object.assign(bulkOutcome ?? {}, { rerunId: result.execution.id, rerunRunner: result.runner, rerunPatches: result.patches });
			context.figures.executions.push({ id: result.execution.id, workflow: 'bulk', runner: result.runner });
			return `execution ${result.execution.id} on ${result.runner}: ${BULK_USERS} items, ${result.patches} writes, one per user`;
		});

		await report.check('Trigger: every change emitted exactly once across the restarts of main and both workers and the bulk run', async () => {
			watch.change('E');
			await watch.emitted('E');
			const { changes, events, executions } = await watch.exactlyOnce();
			const polls = checkPolls(context, probeFile);
			return `${changes} changes in 5 phases → ${events} events in ${executions} executions, none missed or repeated; delta requests all from main: ${JSON.stringify(polls)}`;
		});

		await report.check('Every execution ran on a worker, as its log says ("Worker started execution N"), none on main', async () => {
			const all = await context.db.executions();
			context.figures.all = all.map((execution) => ({ id: execution.id, workflowId: execution.workflowId, runner: runnerOf(context, execution.id) }));
			return `${all.length} executions`;
		});

		await report.check('Token requests per process: at most one per credential in each process for the token lifetime, matching the sandbox\'s token log', () => {
			const users = new Set([...cluster.instances.filter(({ name }) => name === 'main').map(({ instance }) => instance), ...context.figures.executions.map(({ runner }) => runner)]);
			if (bulkOutcome) users.add(bulkOutcome.runner);
			tokens = checkTokens(context, probeFile, users);
			return Object.entries(tokens.perInstance).map(([instance, count]) => `${instance} ${count}`).join(', ');
		});
	} finally {
		await cluster.stopAll();
		await context.db?.close();
		await sb.close();
		printFigures(context, tokens, bulkOutcome, startedAt);
	}
	return report;
}

main()
	.then((report) => {
		console.log(`Queue: ${report.passed} passed, ${report.failed} failed`);
		process.exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
	})
	.catch((error) => {
		console.error(error);
		console.log('Queue: 0 passed, 1 failed');
		process.exit(1);
	});
