import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INode, INodeExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ActiveWorkflows, ErrorReporter, ExecutionLifecycleHooks, PollContext, Tracing, WorkflowExecute } from 'n8n-core';

import type { WorkflowRunner } from './engine';
import { PACKAGE_NAME } from './engine';

// TriggersAndPollers is n8n-core's own poll runner; it is a DI service not re-exported by the package.
const { TriggersAndPollers } = require('n8n-core/dist/execution-engine/triggers-and-pollers') as {
	TriggersAndPollers: new () => unknown;
};

export interface TriggerOptions {
	/** The trigger node's parameters (authentication defaults from the credential type). */
	parameters: IDataObject;
	/** `entraIdOAuth2Api` (default) or `entraIdAppOnlyApi`. */
	credentialType?: string;
}

export interface PollResult {
	/** The items the poll emitted, or null when it returned nothing. */
	items: IDataObject[] | null;
	/** The error the poll reported (n8n then records a failed execution). */
	error?: Error & { description?: string | null; context?: IDataObject };
}

/**
 * Stands in for cron: n8n-core registers each poll node's execute function with the scheduler,
 * and a test calls that same function when it wants the next poll.
 */
class ManualClock {
	private readonly ticks = new Map<string, () => Promise<void>>();

	registerCron(ctx: { workflowId: string }, onTick: () => Promise<void>) {
		this.ticks.set(ctx.workflowId, onTick);
	}

	deregisterCrons(workflowId: string) {
		this.ticks.delete(workflowId);
	}

	tick(workflowId: string) {
		const tick = this.ticks.get(workflowId);
		if (!tick) throw new Error(`Workflow ${workflowId} has no active poll`);
		return tick;
	}
}

let workflowCount = 0;

function additionalDataFor(runner: WorkflowRunner, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return runner.additionalData(hooks, 'poll-execution');
}

function triggerNode(options: TriggerOptions): INode {
	const credentialType = options.credentialType ?? 'entraIdOAuth2Api';
	return {
		id: 'trigger',
		name: 'Entra ID Trigger',
		type: `${PACKAGE_NAME}.entraIdTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			// Never fires by itself: the ManualClock holds the tick.
			pollTimes: { item: [{ mode: 'everyHour' }] },
			authentication: credentialType === 'entraIdAppOnlyApi' ? 'appOnly' : 'oAuth2',
			...options.parameters,
		},
		credentials: { [credentialType]: { id: '1', name: 'Entra ID test' } },
	};
}

/**
 * An active workflow whose only node is the Entra ID Trigger, run the way n8n runs it: activation
 * through n8n-core's ActiveWorkflows (which polls once at once), each later poll through the execute
 * function ActiveWorkflows registered, emits through PollContext.__emit. Like n8n's
 * ActiveWorkflowManager, it saves the workflow's static data when a poll emits and after
 * activation; `restart()` starts a fresh workflow from what was saved, as after an n8n restart.
 */
export class PollTrigger {
	/** The static data as n8n's database holds it. */
	saved: IDataObject = {};

	/** Every batch of items emitted, in order. */
	readonly emitted: IDataObject[][] = [];

	readonly errors: Error[] = [];

	private workflow!: Workflow;

	private readonly clock = new ManualClock();

	private readonly active: ActiveWorkflows;

	private constructor(
		private readonly runner: WorkflowRunner,
		private options: TriggerOptions,
	) {
		const logger = Container.get(Logger);
		this.active = new ActiveWorkflows(
			logger,
			this.clock as never,
			Container.get(TriggersAndPollers) as never,
			Container.get(ErrorReporter),
			Container.get(Tracing),
		);
	}

	/** Activates the workflow; its first poll runs now, and an error in it fails the activation. */
	static async activate(runner: WorkflowRunner, options: TriggerOptions, saved: IDataObject = {}): Promise<{ trigger: PollTrigger; result: PollResult }> {
		const trigger = new PollTrigger(runner, options);
		trigger.saved = saved;
		const result = await trigger.start('activate');
		return { trigger, result };
	}

	/** The next scheduled poll. */
	async poll(): Promise<PollResult> {
		return await this.observe(async () => await this.clock.tick(this.workflow.id!)());
	}

	/**
	 * Stops this workflow and starts it again from the saved static data: n8n restarting, or, with
	 * new parameters, an admin saving the edited workflow (n8n reactivates it).
	 */
	async restart(parameters?: IDataObject): Promise<PollResult> {
		await this.deactivate();
		if (parameters) this.options = { ...this.options, parameters };
		return await this.start(parameters ? 'update' : 'init');
	}

	async deactivate() {
		if (this.workflow && this.active.isActive(this.workflow.id!)) await this.active.remove(this.workflow.id!);
	}

	/** The static data the running workflow holds in memory. */
	get staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	private async start(activation: 'activate' | 'init' | 'update'): Promise<PollResult> {
		this.workflow = new Workflow({
			id: `poll-${++workflowCount}`,
			name: 'Entra ID Trigger test',
			nodes: [triggerNode(this.options)],
			connections: {},
			active: true,
			nodeTypes: this.runner.types,
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
		const additionalData = additionalDataFor(this.runner);
		const getPollFunctions = (workflow: Workflow, node: INode) =>
			new PollContext(workflow, node, additionalData, 'trigger', activation, (data: INodeExecutionData[][]) => this.onEmit(data), (error: Error) => this.errors.push(error));
		const result = await this.observe(async () => {
			await this.active.add(this.workflow.id!, this.workflow, additionalData, 'trigger', activation, (() => undefined) as never, getPollFunctions as never);
		});
		this.save();
		return result;
	}

	private onEmit(data: INodeExecutionData[][]) {
		this.save();
		this.emitted.push((data[0] ?? []).map((item) => item.json));
	}

	/** What n8n's WorkflowStaticDataService.saveStaticData does: write when the data changed. */
	private save() {
		const data = this.workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (data.__dataChanged !== true) return;
		this.saved = JSON.parse(JSON.stringify(data)) as IDataObject;
		data.__dataChanged = false;
	}

	private async observe(action: () => Promise<void>): Promise<PollResult> {
		const emitted = this.emitted.length;
		const errors = this.errors.length;
		try {
			await action();
		} catch (error) {
			return { items: null, error: error as PollResult['error'] };
		}
		return { items: this.emitted[emitted] ?? null, error: this.errors[errors] as PollResult['error'] };
	}
}

/** The editor's "Fetch Test Event": a manual execution that starts at the trigger. */
export async function fetchTestEvent(runner: WorkflowRunner, options: TriggerOptions): Promise<PollResult & { staticData: IDataObject }> {
	const node = triggerNode(options);
	const workflow = new Workflow({ id: 'manual', name: 'manual', nodes: [node], connections: {}, active: false, nodeTypes: runner.types });
	const hooks = new ExecutionLifecycleHooks('manual', 'manual-execution', {
		id: workflow.id,
		name: workflow.name ?? 'manual',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const run = await new WorkflowExecute(additionalDataFor(runner, hooks), 'manual').run({ workflow, startNode: node });
	const task = run.data.resultData.runData[node.name]?.[0];
	const output = task?.data?.main?.[0] ?? null;
	return {
		items: output ? output.map((item) => item.json) : null,
		error: (run.data.resultData.error ?? task?.error) as PollResult['error'],
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
	};
}
