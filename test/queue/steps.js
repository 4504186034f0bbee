'use strict';
// What the queue test's cases share: PASS/FAIL reporting, calling a production webhook on main
// and finding the execution it started, waiting for an execution to end, and telling which
// process ran it (from the workers' "Worker started execution N" log lines).
const assert = require('node:assert/strict');
const { waitFor } = require('./cluster');

const ENDED = new Set(['success', 'error', 'crashed', 'canceled']);

class Report {
	constructor() {
		this.passed = 0;
		this.failed = 0;
	}

	/** Runs one check: prints `PASS title (s): detail` or `FAIL title: message`. */
	async check(title, run) {
		const started = Date.now();
		try {
			const detail = await run();
			this.passed++;
			console.log(`PASS ${title} (${((Date.now() - started) / 1000).toFixed(1)} s): ${detail}`);
			return true;
		} catch (error) {
			this.failed++;
			console.log(`FAIL ${title}: ${error.message}`);
			return false;
		}
	}
}

/** POSTs to main's production webhook of `workflow` and returns the id of the execution it started. */
async function callWebhook({ cluster, db }, workflow, body = {}) {
	const after = await db.lastExecutionId();
	const response = await fetch(`${cluster.mainUrl}/webhook/${workflow.webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert.ok(response.ok, `POST /webhook/${workflow.webhookPath} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
	const [execution] = await waitFor(`an execution of ${workflow.id}`, async () => {
		const rows = await db.executions({ workflowId: workflow.id, after });
		return rows.length > 0 && rows;
	}, { timeoutMs: 30_000 });
	return execution.id;
}

/** The execution once n8n has recorded its end (success, error, crashed, canceled). */
async function ended({ db }, executionId, timeoutMs = 120_000) {
	return await waitFor(`execution ${executionId} to end`, async () => {
		const execution = await db.execution(executionId);
		return ENDED.has(execution?.status) && execution;
	}, { timeoutMs });
}

/** The one worker instance that ran the execution, from the logs; fails when main or two processes did. */
function runnerOf({ cluster }, executionId) {
	const runners = cluster.executionRunners().get(executionId) ?? [];
	assert.equal(runners.length, 1, `execution ${executionId} started on ${runners.length} processes: ${runners.join(', ') || 'none logged it'}`);
	assert.match(runners[0], /^worker/, `execution ${executionId} ran on ${runners[0]}`);
	return runners[0];
}

/** The JSON of the items a node returned in an execution (all its runs), failing on a node error. */
function nodeOutput(execution, nodeName) {
	const tasks = execution.data?.resultData?.runData?.[nodeName] ?? [];
	for (const task of tasks) assert.equal(task.error, undefined, `node "${nodeName}" failed: ${task.error?.message}`);
	return tasks.flatMap((task) => (task.data?.main?.[0] ?? []).map((item) => item.json));
}

module.exports = { Report, callWebhook, ended, runnerOf, nodeOutput };
