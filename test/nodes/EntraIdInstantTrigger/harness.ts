import type { IDataObject } from 'n8n-workflow';

import type { TestContext } from '../../helpers/setup';
import { useSandbox } from '../../helpers/setup';
import type { InstantOptions } from '../../runner/webhook';
import { InstantTrigger } from '../../runner/webhook';

/** The sandbox's change notification service (test/sandbox/notifier.js). */
export interface Notifier {
	knobs: IDataObject & { lifetimeMs: number | null; reauthorizeBeforeMs: number; duplicateRate: number; batchWindowMs: number; deliveryDelayMs: number };
	subscriptions: Map<string, IDataObject & { id: string; resource: string; expirationDateTime: string; notificationUrl: string; clientState: string | null }>;
	deliveries: Array<{ kind: string; url: string; count: number; status: number; ms: number; attempt: number; subscriptionIds: string[] }>;
	forge(url: string, subscriptionId?: string): Promise<number>;
	remove(id: string): boolean;
	lifecycle(subscription: IDataObject, event: string): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULT_KNOBS } = require('../../sandbox/notifier') as { DEFAULT_KNOBS: IDataObject };

export interface InstantContext extends TestContext {
	notifier(): Notifier;
	/** Activates a workflow with the Instant Trigger, deactivated after the test. */
	activate(parameters: IDataObject, options?: Partial<InstantOptions>): Promise<InstantTrigger>;
}

export function useInstant(): InstantContext {
	const t = useSandbox() as InstantContext;
	const triggers: InstantTrigger[] = [];
	t.notifier = () => (t.sandbox as unknown as { subscriptions: Notifier }).subscriptions;
	t.activate = async (parameters, options = {}) => {
		const trigger = await InstantTrigger.activate(t.runner, { parameters, ...options });
		triggers.push(trigger);
		return trigger;
	};
	afterEach(async () => {
		for (const trigger of triggers.splice(0)) await trigger.deactivate();
		Object.assign(t.notifier().knobs, DEFAULT_KNOBS);
	});
	return t;
}

/** `event id` per item. */
export const summary = (items: IDataObject[]) => items.map((item) => `${String(item.event)} ${String(item.id)}`);

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;

export function newUser(t: TestContext, props: IDataObject = {}) {
	const n = ++counter;
	return t.sandbox.store.createUser({
		displayName: `Instant Test ${n}`,
		userPrincipalName: `instant.test.${n}.${Date.now()}@contoso.com`,
		mailNickname: `instanttest${n}`,
		accountEnabled: true,
		...props,
	}) as IDataObject & { id: string };
}

export function newGroup(t: TestContext, props: IDataObject = {}) {
	const n = ++counter;
	return t.sandbox.store.createGroup({ displayName: `Instant Group ${n}`, mailNickname: `instantgroup${n}`, mailEnabled: false, securityEnabled: true, ...props }, {}) as IDataObject & {
		id: string;
	};
}
