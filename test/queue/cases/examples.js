'use strict';
// The joiner, mover and leaver examples, started by a webhook on main and run by a worker, with
// the checks of test/examples/run.js on the sandbox's directory (what changed, nothing else).
const assert = require('node:assert/strict');
const { CASES, snapshot, changedUsers } = require('../../examples/run');
const { callWebhook, ended, runnerOf } = require('../steps');

const FILES = ['joiner.json', 'mover.json', 'leaver.json'];

async function runExamples(context, workflows) {
	const { sb, report } = context;
	for (const file of FILES) {
		const testCase = CASES.find((candidate) => candidate.file === file && !candidate.variant);
		const workflow = workflows[file];
		await report.check(`${testCase.title} [webhook on main, run on a worker]`, async () => {
			const prepared = testCase.before?.({ store: sb.store, workflow });
			const before = snapshot(sb.store);
			const execution = await ended(context, await callWebhook(context, workflow));
			assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}`);
			const runner = runnerOf(context, execution.id);
			context.figures.executions.push({ id: execution.id, workflow: file, runner });
			const changed = changedUsers(before, snapshot(sb.store));
			const detail = testCase.check({ data: execution.data }, { store: sb.store, workflow, changed, prepared });
			return `execution ${execution.id} on ${runner}: ${detail}`;
		});
	}
}

module.exports = { runExamples };
