/**
 * `npm run bench:trigger`: the polling trigger's cost for one poll that reads N new users (5,000,
 * 20,000 and 100,000), through n8n-core's real poll runner against the Graph sandbox. It prints the
 * poll's wall time, the longest time the event loop was blocked, and the ratio to the 5,000 poll:
 * a cost linear in N gives about 4x and 20x.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';

import { disposeEngine, PACKAGE_ROOT, WorkflowRunner } from '../test/runner/engine';
import { PollTrigger } from '../test/runner/poll';
import { delegatedCredential } from '../test/runner/sandbox-credentials';

// The sandbox is plain JS in test/sandbox, not compiled into bench/build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require(path.join(PACKAGE_ROOT, 'test/sandbox')) as { startSandbox: (options: IDataObject) => Promise<any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deltaOf } = require(path.join(PACKAGE_ROOT, 'test/sandbox/routes/delta')) as { deltaOf: (store: unknown) => { pageSize: number } };

const SIZES = (process.env.BENCH_TRIGGER_SIZES ?? '5000,20000,100000').split(',').map(Number);

async function pollOf(size: number) {
	const sandbox = await startSandbox({ seed: 'empty' });
	try {
		// Graph's delta pages hold up to a few hundred objects; 999 keeps the request count small.
		deltaOf(sandbox.store).pageSize = 999;
		const runner = await WorkflowRunner.create();
		runner.setCredential('entraIdOAuth2Api', delegatedCredential(sandbox));
		const { trigger } = await PollTrigger.activate(runner, { parameters: { event: ['userCreated', 'userUpdated'] } });
		for (let n = 0; n < size; n++) {
			sandbox.store.createUser({ displayName: `Bench ${n}`, userPrincipalName: `bench.${n}@contoso.com`, mailNickname: `bench${n}`, accountEnabled: true });
		}
		sandbox.clearLog();
		const delay = monitorEventLoopDelay({ resolution: 10 });
		delay.enable();
		const started = process.hrtime.bigint();
		const result = await trigger.poll();
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		delay.disable();
		await trigger.deactivate();
		if (result.error) throw result.error;
		return { size, wallMs, maxBlockMs: delay.max / 1e6, items: result.items?.length ?? 0, requests: sandbox.log.length };
	} finally {
		await sandbox.close();
	}
}

async function main() {
	const rows = [];
	for (const size of SIZES) rows.push(await pollOf(size));
	const base = rows[0];
	console.log('| changes in one poll | items emitted | Graph requests | poll wall time | longest event-loop block | wall time / first row |');
	console.log('|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		console.log(`| ${row.size.toLocaleString('en')} | ${row.items.toLocaleString('en')} | ${row.requests} | ${(row.wallMs / 1000).toFixed(2)} s | ${row.maxBlockMs.toFixed(0)} ms | ${(row.wallMs / base.wallMs).toFixed(1)}x |`);
	}
	disposeEngine();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
