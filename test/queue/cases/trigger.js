'use strict';
// The change trigger in queue mode: it polls on main, its executions run on the workers, and its
// saved delta position lives in the workflow's static data in Postgres. The test changes users'
// officeLocation in the sandbox in phases (before any restart, while main is down, while each
// worker is down, after the bulk run) and checks that every change is emitted exactly once.
const assert = require('node:assert/strict');
const { waitFor } = require('../cluster');
const { nodeOutput, runnerOf } = require('../steps');

const TRIGGER_NODE = 'Office changed';

class TriggerWatch {
	constructor(context, workflow) {
		this.context = context;
		this.workflow = workflow;
		/** { phase, userId, value } for every change made */
		this.changes = [];
		const reserved = new Set(['christie.gray@contoso.com', 'ivan.sampson@contoso.com']);
		this.pool = context.sb.store
			.listUsers()
			.filter((user) => user.userType === 'Member' && user.department && !user.department.startsWith('Queue') && !reserved.has(user.userPrincipalName))
			.map((user) => user.id);
	}

	/** Sets a new officeLocation on `count` users no earlier phase touched. */
	change(phase, count = 3) {
		for (let index = 0; index < count; index++) {
			const userId = this.pool.shift();
			const value = `Queue office ${phase} ${index + 1}`;
			this.context.sb.store.updateUser(userId, { officeLocation: value });
			this.changes.push({ phase, userId, value });
		}
	}

	/** Every item the trigger emitted, from its executions in Postgres: { executionId, ...item }. */
	async events() {
		const executions = await this.context.db.executions({ workflowId: this.workflow.id, withData: true });
		return executions
			.filter((execution) => execution.status === 'success')
			.flatMap((execution) => nodeOutput(execution, TRIGGER_NODE).map((item) => ({ executionId: execution.id, ...item })));
	}

	/** Waits until every change of `phase` was emitted; returns the executions that carried them. */
	async emitted(phase, timeoutMs = 45_000) {
		const wanted = this.changes.filter((change) => change.phase === phase);
		const matches = (event, change) => event.id === change.userId && event.object?.officeLocation === change.value;
		const events = await waitFor(`the trigger's events for phase "${phase}"`, async () => {
			const all = await this.events();
			return wanted.every((change) => all.some((event) => matches(event, change))) && all;
		}, { timeoutMs, detail: () => `Wanted ${JSON.stringify(wanted.map((change) => change.value))}` });
		const ids = [...new Set(events.filter((event) => wanted.some((change) => matches(event, change))).map((event) => event.executionId))];
		return ids.map((id) => `${id} on ${runnerOf(this.context, id)}`).join(', ');
	}

	/** Every change emitted once, as userUpdated with officeLocation in `changed`, and nothing else. */
	async exactlyOnce() {
		const events = await this.events();
		const key = (userId, value) => `${userId} ${value}`;
		const seen = new Map();
		for (const event of events) {
			assert.equal(event.event, 'userUpdated', `unexpected event ${JSON.stringify(event).slice(0, 200)}`);
			assert.ok(event.changed?.includes('officeLocation'), `event without officeLocation in changed: ${JSON.stringify(event).slice(0, 200)}`);
			const id = key(event.id, event.object?.officeLocation);
			seen.set(id, (seen.get(id) ?? 0) + 1);
		}
		const missed = this.changes.filter((change) => !seen.has(key(change.userId, change.value)));
		const repeated = [...seen].filter(([, count]) => count > 1);
		const unknown = [...seen.keys()].filter((id) => !this.changes.some((change) => key(change.userId, change.value) === id));
		assert.deepEqual({ missed: missed.map((change) => change.value), repeated, unknown }, { missed: [], repeated: [], unknown: [] });
		const executions = new Set(events.map((event) => event.executionId));
		for (const id of executions) runnerOf(this.context, id);
		return { changes: this.changes.length, events: events.length, executions: executions.size };
	}
}

/** Activation polled Graph ("from now"); a change made after it is emitted by a worker-run execution. */
async function beforeRestarts(watch) {
	watch.change('A');
	return `emitted by execution ${await watch.emitted('A')}`;
}

/** Main stopped, users changed meanwhile, main started: its first poll reads on from the saved link. */
async function acrossMainRestart(watch, restartMain) {
	const { cluster } = watch.context;
	const stopped = await cluster.stop('main');
	watch.change('B');
	const instance = await restartMain();
	return `${stopped.instance} stopped in ${stopped.ms} ms, changes made, ${instance} emitted them in execution ${await watch.emitted('B')}`;
}

/** A worker stopped: the other runs the trigger's executions; then it comes back. */
async function acrossWorkerRestart(watch, name) {
	const { cluster } = watch.context;
	const stopped = await cluster.stop(name);
	watch.change(`C-${name}`);
	const carried = await watch.emitted(`C-${name}`);
	const instance = await cluster.start(name);
	return `${stopped.instance} stopped in ${stopped.ms} ms; execution ${carried}; ${instance} started`;
}

module.exports = { TriggerWatch, beforeRestarts, acrossMainRestart, acrossWorkerRestart };
