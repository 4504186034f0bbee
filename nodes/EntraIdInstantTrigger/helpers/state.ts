import type { IDataObject } from 'n8n-workflow';

import type { SavedState } from '../../EntraIdTrigger/helpers/tracker';
import type { SubscriptionState } from './subscriptions';

/** The trigger's static data: the polling trigger's delta links and memory, plus its subscriptions. */
export type InstantState = SavedState & {
	clientState?: string;
	notificationUrl?: string;
	subscriptions?: SubscriptionState[];
	/** Set at each activation (with the time); with `revision`, tells this process's copy from an older one. */
	generation?: string;
	activatedAt?: number;
	revision?: number;
};

/** One Graph change or lifecycle notification (changeNotification), as far as the trigger reads it. */
export interface Notification {
	subscriptionId: string;
	subscriptionExpirationDateTime?: string;
	lifecycleEvent?: string;
}

interface Slot {
	running?: Promise<IDataObject[]>;
	queued?: Promise<IDataObject[]>;
	inbox: Notification[];
}

const slots = new Map<string, Slot>();

/** The state this process saved last, per workflow and node. */
const latest = new Map<string, string>();

const copy = (state: IDataObject): IDataObject => JSON.parse(JSON.stringify(state, (key, value: unknown) => (key === '__dataChanged' ? undefined : value))) as IDataObject;

const isNewer = (mine: InstantState, saved: InstantState) =>
	mine.generation === saved.generation ? (mine.revision ?? 0) > (saved.revision ?? 0) : (mine.activatedAt ?? 0) > (saved.activatedAt ?? 0);

/**
 * n8n reads a workflow's static data from its database for each webhook call and saves it after the
 * call (and an activation's after every webhook of the workflow is set up), so a call may see an
 * older copy: links another call has already read past, or none of the activation that has just
 * subscribed. What this process wrote last wins over an older database copy.
 */
export function freshState(key: string, saved: InstantState): InstantState {
	const cached = latest.get(key);
	if (!cached) return saved;
	const mine = JSON.parse(cached) as InstantState;
	if (!isNewer(mine, saved)) return saved;
	for (const name of Object.keys(saved)) if (name !== '__dataChanged') delete saved[name];
	Object.assign(saved, mine);
	return saved;
}

export function remember(key: string, saved: InstantState) {
	saved.revision = (saved.revision ?? 0) + 1;
	latest.set(key, JSON.stringify(copy(saved)));
}

export function forget(key: string) {
	latest.delete(key);
	slots.delete(key);
}

/**
 * Runs `work` on the notifications received so far, one run at a time per trigger. A call that finds
 * a run already waiting leaves its notifications to that run and returns no events: that run reads
 * the delta after this call's change, so the change is emitted once, by it.
 */
export async function serialize(key: string, notifications: Notification[], work: (batch: Notification[]) => Promise<IDataObject[]>): Promise<IDataObject[]> {
	let slot = slots.get(key);
	if (!slot) slots.set(key, (slot = { inbox: [] }));
	const current = slot;
	current.inbox.push(...notifications);
	if (current.queued) return [];
	const start = async () => {
		const batch = current.inbox.splice(0);
		const run = work(batch);
		current.running = run;
		try {
			return await run;
		} finally {
			if (current.running === run) current.running = undefined;
		}
	};
	if (!current.running) return await start();
	const queued = current.running
		.catch(() => [])
		.then(async () => {
			current.queued = undefined;
			return await start();
		});
	current.queued = queued;
	return await queued;
}
