/**
 * One benchmark run in a fresh process, so its peak RSS belongs to this run alone: n8n's engine,
 * one node and its output. The sandbox lives in the parent (bench/main.ts), like a remote Graph.
 * Protocol: the parent sends a Job; the worker warms up and answers 'ready'; the parent resets the
 * sandbox and answers 'go'; the worker runs once and answers its Outcome.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { WorkflowRunner } from '../test/runner/engine';
import { BUILTIN_NODE_TYPE, loadBuiltinEntra } from './builtin';

export interface Job {
	node: 'ours' | 'builtin';
	n8nDir: string;
	credentialType: string;
	credential: ICredentialDataDecryptedObject;
	items: IDataObject[];
	parameters: IDataObject;
	/**
	 * A small run of the same operation first: n8n is a long-running process, so module loading
	 * and first-use costs (expression engine, HTTP agent) are not part of an execution.
	 */
	warmup: { items: IDataObject[]; parameters: IDataObject };
	/** Whether to measure the JSON size of the output (lists). */
	measureJson: boolean;
	/** Failed items become error items instead of stopping the run (scenario 7 counts them). */
	continueOnFail?: boolean;
}

export interface Outcome {
	wallMs: number;
	/** CPU time of the worker process during the run (user + system, every thread), in ms. */
	cpuMs: number;
	/** Date.now() when the run started, to compare with the sandbox's request log. */
	startedAt: number;
	/** RSS before the run (after loading and a full GC) and the process's peak, in bytes. */
	baselineRss: number;
	peakRss: number;
	outputItems: number;
	failedItems: number;
	jsonBytes?: number;
	error?: string;
}

const go = () => new Promise<void>((resolve) => process.once('message', () => resolve()));

async function run(job: Job): Promise<Outcome> {
	const runner = await WorkflowRunner.create();
	if (job.node === 'builtin') loadBuiltinEntra(runner.types, job.n8nDir);
	runner.setCredential(job.credentialType, job.credential);
	const workflow = (items: IDataObject[], parameters: IDataObject) => ({
		items,
		parameters,
		credentialType: job.credentialType,
		nodeType: job.node === 'builtin' ? BUILTIN_NODE_TYPE : undefined,
	});
	const warmup = await runner.run(workflow(job.warmup.items, job.warmup.parameters));
	if (warmup.error) throw warmup.error;
	const options = { ...workflow(job.items, job.parameters), continueOnFail: job.continueOnFail };
	process.send?.('ready');
	await go();
	global.gc?.();
	const baselineRss = process.memoryUsage.rss();
	const startedAt = Date.now();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runner.run(options);
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	// maxRSS first: measuring the JSON size allocates.
	const peakRss = process.resourceUsage().maxRSS * 1024;
	const outcome: Outcome = {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		startedAt,
		baselineRss,
		peakRss,
		outputItems: result.output.length,
		failedItems: result.output.filter((item) => item.json.error !== undefined || item.error !== undefined).length,
		error: result.error ? `${result.error.message} ${result.error.description ?? ''}`.trim() : undefined,
	};
	if (job.measureJson) outcome.jsonBytes = result.output.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item.json)), 0);
	return outcome;
}

process.once('message', (job: Job) => {
	run(job)
		.then((outcome) => process.send?.(outcome, () => process.exit(0)))
		.catch((error: Error) => process.send?.({ error: error.stack ?? String(error) }, () => process.exit(1)));
});
