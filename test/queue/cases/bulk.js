'use strict';
// A bulk run on a worker that is stopped half-way (SIGTERM, then SIGKILL after a short grace, as
// a container stop with a short timeout does): what n8n does with the execution, what the
// sandbox's directory holds afterwards, and a rerun that converges.
const assert = require('node:assert/strict');
const { waitFor, sleep } = require('../cluster');
const { callWebhook, ended, runnerOf, nodeOutput } = require('../steps');

const BULK_USERS = 2000;
const DEPARTMENT = 'Queue Bulk';
const JOB_TITLE = 'Queue bulk title';
/** How long the stopped worker gets between SIGTERM and SIGKILL (docker stop -t 5). */
const GRACE_MS = 5_000;
/** Added to every Graph round trip while the interrupted run goes, so it lasts some 20 s. */
const LATENCY_MS = 200;

/** 2,000 users of one department, present before the trigger is activated (seeding writes no change). */
function seedBulkUsers(store) {
	for (let index = 1; index <= BULK_USERS; index++) {
		const name = `queue.bulk${String(index).padStart(4, '0')}`;
		store.createUser(
			{ accountEnabled: true, displayName: `Queue Bulk ${index}`, mailNickname: name, userPrincipalName: `${name}@contoso.com`, department: DEPARTMENT, jobTitle: 'Before' },
			{ seed: true },
		);
	}
}

const bulkUsers = (store) => store.listUsers().filter((user) => user.department === DEPARTMENT);
const retitled = (store) => bulkUsers(store).filter((user) => user.jobTitle === JOB_TITLE).length;
/** PATCH /users/{id} answered 2xx, inside $batch envelopes or alone: the writes Graph applied. */
const appliedPatches = (log, from) => log.slice(from).filter((entry) => entry.method === 'PATCH' && /^\/v1\.0\/users\/[^/]+$/.test(entry.path) && entry.status >= 200 && entry.status < 300);

/**
 * Starts the bulk run, stops its worker when about a fifth of the users are done, and waits for
 * n8n's verdict on the execution. Returns what happened, for the report and the figures.
 */
async function interruptedRun(context, workflow) {
	const { sb, cluster } = context;
	const logFrom = sb.log.length;
	sb.faults.latencyMs = LATENCY_MS;
	let outcome;
	try {
		const executionId = await callWebhook(context, workflow, { jobTitle: JOB_TITLE });
		const runner = await waitFor(`a worker to start execution ${executionId}`, () => cluster.executionRunners().get(executionId)?.[0], { timeoutMs: 30_000 });
		await waitFor('the bulk run to be under way', () => retitled(sb.store) >= BULK_USERS / 5, { timeoutMs: 60_000 });
		const name = runner.split('#')[0];
		const doneAtTerm = retitled(sb.store);
		const stopped = await cluster.stop(name, { graceMs: GRACE_MS });
		const doneAtKill = retitled(sb.store);
		sb.faults.latencyMs = 0;
		const waitedFor = cluster.grep(/Waiting for \d+ active executions? to finish/).filter((line) => line.startsWith(runner));
		const startedAt = Date.now();
		const execution = await ended(context, executionId, 90_000);
		const error = execution.data?.resultData?.error?.message;
		outcome = { executionId, runner, stopped, doneAtTerm, doneAtKill, waitedFor, status: execution.status, error, verdictAfterMs: Date.now() - startedAt, execution };
		outcome.restartedOn = (cluster.executionRunners().get(executionId) ?? []).filter((instance) => instance !== runner);
		outcome.instance = await cluster.start(name);
	} finally {
		sb.faults.latencyMs = 0;
	}
	await sleep(500); // a write in flight when the worker died may still be answered
	outcome.doneAfter = retitled(sb.store);
	outcome.applied = appliedPatches(sb.log, logFrom).length;
	return outcome;
}

/** The interrupted run: n8n's record of it, and the directory has only whole, acknowledged writes. */
function checkInterrupted(outcome) {
	const { executionId, runner, stopped, status, restartedOn, doneAfter, applied, execution } = outcome;
	assert.ok(stopped.killed, `${runner} finished the run within the ${GRACE_MS / 1000} s grace; the test must stop it half-way`);
	assert.ok(doneAfter < BULK_USERS, 'every user was changed although the worker was killed');
	assert.notEqual(status, 'success', `execution ${executionId} is recorded as a success though its worker was killed`);
	assert.ok(outcome.error, `execution ${executionId} ended "${status}" with no error message`);
	assert.deepEqual(restartedOn, [], `execution ${executionId} was started again on ${restartedOn.join(', ')}`);
	// Every changed user has a 2xx PATCH answer in the sandbox's log: nothing was applied unseen.
	assert.ok(applied >= doneAfter, `${doneAfter} users changed, only ${applied} PATCH answers`);
	const itemResults = nodeOutput(execution, 'Set job title').length;
	return `${runner} got SIGTERM with ${outcome.doneAtTerm} users done and kept going, SIGKILL ${stopped.ms} ms later at ${outcome.doneAtKill}; execution ${executionId} recorded "${status}" ${(outcome.verdictAfterMs / 1000).toFixed(0)} s later ("${outcome.error}"), not run again, ${itemResults} item results saved; ${doneAfter} of ${BULK_USERS} users changed (every one answered 2xx), the rest untouched`;
}

/** The same request again: every user ends with the title, once each, and no user is duplicated. */
async function rerun(context, workflow) {
	const { sb } = context;
	const usersBefore = sb.store.listUsers().length;
	const logFrom = sb.log.length;
	const execution = await ended(context, await callWebhook(context, workflow, { jobTitle: JOB_TITLE }));
	assert.equal(execution.status, 'success', `the rerun ended ${execution.status}`);
	const runner = runnerOf(context, execution.id);
	const items = nodeOutput(execution, 'Set job title');
	const ids = bulkUsers(sb.store).map((user) => user.id);
	assert.equal(items.length, BULK_USERS, `the rerun returned ${items.length} items`);
	assert.deepEqual(items.filter((item) => item.updated !== true || item.error), [], 'items without a result');
	assert.deepEqual(new Set(items.map((item) => item.id)), new Set(ids), 'the items are not the department\'s users, once each');
	assert.equal(retitled(sb.store), BULK_USERS, 'not every user has the new title');
	assert.equal(sb.store.listUsers().length, usersBefore, 'the number of users changed');
	const patches = appliedPatches(sb.log, logFrom);
	assert.equal(new Set(patches.map((entry) => entry.path)).size, patches.length, 'a user was written twice in the rerun');
	return { execution, runner, patches: patches.length };
}

module.exports = { seedBulkUsers, interruptedRun, checkInterrupted, rerun, BULK_USERS, DEPARTMENT };
