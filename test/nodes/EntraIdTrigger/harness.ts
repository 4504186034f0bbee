import type { IDataObject } from 'n8n-workflow';

import type { Sandbox, TestContext } from '../../helpers/setup';
import { useSandbox } from '../../helpers/setup';
import type { PollResult, TriggerOptions } from '../../runner/poll';
import { PollTrigger } from '../../runner/poll';

/** The sandbox's delta knobs (test/sandbox/routes/delta.js). */
export interface DeltaKnobs {
	expireTokens(): void;
	resetSync(): void;
	pageSize: number;
	membersPerPage: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deltaOf } = require('../../sandbox/routes/delta') as { deltaOf: (store: unknown) => DeltaKnobs };

export interface TriggerContext extends TestContext {
	delta(): DeltaKnobs;
	/** Activates a workflow with the trigger; fails the test if the activation poll failed or emitted. */
	activate(parameters: IDataObject, options?: Partial<TriggerOptions>): Promise<PollTrigger>;
	/** The Graph delta requests since the last clearLog(). */
	deltaRequests(): Sandbox['log'];
}

export function useTrigger(options: IDataObject = {}): TriggerContext {
	const t = useSandbox(options) as TriggerContext;
	const triggers: PollTrigger[] = [];
	t.delta = () => deltaOf(t.sandbox.store);
	t.deltaRequests = () => t.requests().filter((entry) => entry.path.endsWith('/delta'));
	t.activate = async (parameters, extra = {}) => {
		const { trigger, result } = await PollTrigger.activate(t.runner, { parameters, ...extra });
		triggers.push(trigger);
		expect(result).toEqual({ items: null, error: undefined });
		return trigger;
	};
	afterEach(async () => {
		for (const trigger of triggers.splice(0)) await trigger.deactivate();
	});
	return t;
}

/** The trigger node's part of the static data n8n saved. */
export function savedState(trigger: PollTrigger) {
	return (trigger.saved['node:Entra ID Trigger'] ?? {}) as IDataObject & {
		users?: { link: string; query: string; polledAt: string };
		groups?: { link: string; query: string; polledAt: string };
	};
}

/** The emitted items, failing the test on a poll error. */
export function itemsOf(result: PollResult): IDataObject[] {
	if (result.error) throw result.error;
	return result.items ?? [];
}

/** `event id` per item: compact to compare whole sequences. */
export const summary = (items: IDataObject[]) => items.map((item) => `${String(item.event)} ${String(item.id)}`);

let counter = 0;

/** A new user, written to the directory behind the trigger's back (as another admin would). */
export function newUser(t: TestContext, props: IDataObject = {}) {
	const n = ++counter;
	return t.sandbox.store.createUser({
		displayName: `Trigger Test ${n}`,
		userPrincipalName: `trigger.test.${n}.${Date.now()}@contoso.com`,
		mailNickname: `triggertest${n}`,
		accountEnabled: true,
		...props,
	}) as IDataObject & { id: string };
}

export function newGroup(t: TestContext, props: IDataObject = {}, members: string[] = []) {
	const n = ++counter;
	return t.sandbox.store.createGroup(
		{ displayName: `Trigger Group ${n}`, mailNickname: `triggergroup${n}`, mailEnabled: false, securityEnabled: true, ...props },
		{ members },
	) as IDataObject & { id: string };
}
