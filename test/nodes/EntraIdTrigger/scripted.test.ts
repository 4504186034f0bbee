import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from '../../runner/poll';
import type { TriggerContext } from './harness';
import { newGroup, newUser, savedState, useTrigger } from './harness';

const WINDOWS = 24;
const CHANGES_PER_WINDOW = 46;
const WATCHED = ['department', 'accountEnabled'];
const EVENTS = ['userCreated', 'userUpdated', 'userDeleted', 'groupCreated', 'groupUpdated', 'groupDeleted', 'memberAdded', 'memberRemoved'];

/** mulberry32: the same script on every run. */
function prng(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let x = Math.imul(a ^ (a >>> 15), 1 | a);
		x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

interface UserTouch {
	order: number;
	kind: 'created' | 'updated' | 'deleted';
	changed: Set<string>;
	watched: boolean;
	toggled: boolean;
}

interface GroupTouch {
	order: number;
	kind: 'created' | 'updated' | 'deleted' | 'members';
	changed: Set<string>;
	/** Member id -> whether it was a member when the window began. */
	pairs: Map<string, boolean>;
	security: boolean;
}

/**
 * Random directory changes, and the events they must give, worked out from what was done (not
 * from the sandbox's journal): one window of changes between two polls at a time. Each object
 * gets one kind of change per window and each membership pair at most one change, so the
 * expected events are exact; the order is the order of each object's first tracked change.
 */
class Script {
	readonly users: string[] = [];
	readonly groups = new Map<string, { security: boolean; members: Set<string> }>();
	operations = 0;
	private order = 0;
	private userTouch = new Map<string, UserTouch>();
	private groupTouch = new Map<string, GroupTouch>();
	private busy = new Set<string>();
	private unique = 0;

	constructor(
		private readonly t: TriggerContext,
		private readonly random: () => number,
	) {}

	private get store() {
		return this.t.sandbox.store;
	}

	private pick<T>(values: T[]): T | undefined {
		return values.length ? values[Math.floor(this.random() * values.length)] : undefined;
	}

	private text(prefix: string) {
		return `${prefix} ${++this.unique}`;
	}

	private touchUser(id: string, kind: UserTouch['kind']) {
		let touch = this.userTouch.get(id);
		if (!touch) this.userTouch.set(id, (touch = { order: this.order++, kind, changed: new Set(), watched: false, toggled: false }));
		return touch;
	}

	private touchGroup(id: string, kind: GroupTouch['kind']) {
		let touch = this.groupTouch.get(id);
		const security = this.groups.get(id)?.security ?? true;
		if (!touch) this.groupTouch.set(id, (touch = { order: this.order++, kind, changed: new Set(), pairs: new Map(), security }));
		return touch;
	}

	begin() {
		this.userTouch = new Map();
		this.groupTouch = new Map();
		this.busy = new Set();
	}

	/** One change; false when the drawn change is not possible right now. */
	private step(): boolean {
		const roll = this.random();
		const openGroups = [...this.groups.keys()].filter((id) => !['created', 'deleted'].includes(this.groupTouch.get(id)?.kind ?? ''));
		if (roll < 0.18) {
			const user = newUser(this.t, { department: this.text('Dept'), jobTitle: this.text('Title') });
			this.users.push(user.id);
			this.touchUser(user.id, 'created');
		} else if (roll < 0.52) {
			const id = this.pick(this.users);
			if (!id) return false;
			const field = this.pick(['department', 'accountEnabled', 'jobTitle', 'mobilePhone'])!;
			const touch = this.userTouch.get(id);
			if (field === 'accountEnabled' && touch?.toggled) return false;
			const value = field === 'accountEnabled' ? !this.store.getUser(id).accountEnabled : this.text(field);
			this.store.updateUser(id, { [field]: value });
			if (field !== 'mobilePhone' && touch?.kind !== 'created') {
				const updated = this.touchUser(id, 'updated');
				updated.changed.add(field);
				updated.watched ||= WATCHED.includes(field);
				updated.toggled ||= field === 'accountEnabled';
			}
		} else if (roll < 0.6) {
			const id = this.pick(this.users.filter((u) => !this.userTouch.has(u) && !this.busy.has(u)));
			if (!id) return false;
			this.store.deleteUser(id);
			this.users.splice(this.users.indexOf(id), 1);
			for (const group of this.groups.values()) group.members.delete(id);
			this.touchUser(id, 'deleted');
		} else if (roll < 0.66) {
			const security = this.random() < 0.6;
			const members = [...new Set([this.pick(this.users), this.pick(this.users)].filter((m): m is string => !!m))];
			const props = security ? {} : { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false };
			const group = newGroup(this.t, props, members);
			this.groups.set(group.id, { security, members: new Set(members) });
			for (const member of members) this.busy.add(member);
			this.touchGroup(group.id, 'created');
		} else if (roll < 0.74) {
			const id = this.pick([...this.groups.keys()].filter((g) => this.groupTouch.get(g)?.kind !== 'deleted'));
			if (!id) return false;
			const field = this.pick(['description', 'displayName'])!;
			this.store.updateGroup(id, { [field]: this.text(field) });
			const touch = this.touchGroup(id, 'updated');
			if (touch.kind === 'members') touch.kind = 'updated';
			if (touch.kind === 'updated') touch.changed.add(field);
		} else if (roll < 0.78) {
			const id = this.pick([...this.groups.keys()].filter((g) => !this.groupTouch.has(g)));
			if (!id) return false;
			const { security } = this.groups.get(id)!;
			this.store.deleteGroup(id);
			this.groups.delete(id);
			this.touchGroup(id, 'deleted').security = security;
		} else {
			const id = this.pick(openGroups);
			const user = this.pick(this.users);
			if (!id || !user || this.groupTouch.get(id)?.pairs.has(user)) return false;
			const { members } = this.groups.get(id)!;
			const wasMember = members.has(user);
			if (wasMember) this.store.removeMember(id, user);
			else this.store.addMember(id, user);
			if (wasMember) members.delete(user);
			else members.add(user);
			this.busy.add(user);
			const touch = this.touchGroup(id, 'members');
			touch.pairs.set(user, wasMember);
		}
		return true;
	}

	run(changes: number) {
		for (let done = 0; done < changes; ) {
			if (this.step()) {
				done++;
				this.operations++;
			}
		}
	}

	/** The events this window must give, in the trigger's format (see `line`). */
	expected(): string[] {
		const lines: string[] = [];
		const byOrder = <T extends { order: number }>(map: Map<string, T>) => [...map].sort((a, b) => a[1].order - b[1].order);
		for (const [id, touch] of byOrder(this.userTouch)) {
			const user = this.store.getUser(id);
			if (touch.kind === 'created') lines.push(`userCreated ${id} ${user.department}`);
			if (touch.kind === 'deleted') lines.push(`userDeleted ${id} changed`);
			if (touch.kind === 'updated' && touch.watched) {
				lines.push(`userUpdated ${id} ${[...touch.changed].sort().map((p) => `${p}=${JSON.stringify(user[p])}`).join(' ')}`);
			}
		}
		for (const [id, touch] of byOrder(this.groupTouch)) {
			const group = this.groups.get(id);
			if (touch.kind === 'deleted') lines.push(`groupDeleted ${id} ${touch.security ? 'deleted' : 'changed'}`);
			if (touch.kind === 'created') {
				lines.push(`groupCreated ${id}`);
				for (const member of group!.members) lines.push(`memberAdded ${id} ${member}`);
			}
			if (touch.kind === 'updated') lines.push(`groupUpdated ${id} ${[...touch.changed].sort().join(',')}`);
			if (touch.kind === 'updated' || touch.kind === 'members') {
				for (const [member, wasMember] of touch.pairs) {
					if (wasMember !== group!.members.has(member)) lines.push(`${wasMember ? 'memberRemoved' : 'memberAdded'} ${id} ${member}`);
				}
			}
		}
		return lines;
	}
}

/** An emitted item as one comparable line. */
function line(item: IDataObject): string {
	const object = item.object as IDataObject;
	switch (item.event) {
		case 'userCreated':
			return `userCreated ${item.id} ${object.department}`;
		case 'userUpdated':
			return `userUpdated ${item.id} ${(item.changed as string[]).slice().sort().map((p) => `${p}=${JSON.stringify(object[p])}`).join(' ')}`;
		case 'userDeleted':
		case 'groupDeleted':
			return `${item.event} ${item.id} ${(item.removed as IDataObject).reason}`;
		case 'groupCreated':
			return `groupCreated ${item.id}`;
		case 'groupUpdated':
			return `groupUpdated ${item.id} ${(item.changed as string[]).slice().sort().join(',')}`;
		case 'memberAdded':
		case 'memberRemoved':
			return `${item.event} ${item.id} ${(item.member as IDataObject).id}`;
		default:
			return `${item.event} ${item.objectType} ${item.reason}`;
	}
}

const lines = (result: PollResult) => {
	if (result.error) throw result.error;
	return (result.items ?? []).map(line);
};

describe('Entra ID Trigger: a scripted run of over 1,000 directory changes', () => {
	const t = useTrigger();

	it('emits exactly the expected events, across pages, throttling, restarts, a failed poll and expired links', async () => {
		t.delta().pageSize = 7;
		const script = new Script(t, prng(20260606));
		const trigger = await t.activate({ event: EVENTS, watchedProperties: WATCHED });
		let polls = 1;
		let checked = 0;
		try {
			for (let window = 0; window < WINDOWS; window++) {
				Object.assign(t.sandbox.faults, window >= 3 && window <= 8 ? { rate429: 0.25, retryAfter: 0 } : { rate429: 0, retryAfter: 1 });
				if (window === 10 || window === 17) {
					// Graph drops the saved links: one notice per stream, not a replay of the directory.
					const reason = window === 10 ? 'syncStateNotFound' : 'resyncRequired';
					if (window === 10) t.delta().expireTokens();
					else t.delta().resetSync();
					polls++;
					expect(lines(await trigger.poll())).toEqual([`resync user ${reason}`, `resync group ${reason}`]);
					checked += 2;
				}
				script.begin();
				script.run(CHANGES_PER_WINDOW);
				const expected = script.expected();
				let result: PollResult;
				if (window === 13) {
					let deltaCalls = 0;
					t.sandbox.faults.deny = [{ method: 'GET', path: { test: (path: string) => path.endsWith('/delta') && ++deltaCalls === 2 } }];
					const before = savedState(trigger);
					const failed = await trigger.poll();
					polls++;
					expect(failed.error).toBeDefined();
					expect(savedState(trigger)).toEqual(before);
					t.sandbox.faults.deny = [];
				}
				if (window % 6 === 5) result = await trigger.restart();
				else result = await trigger.poll();
				polls++;
				expect({ window, events: lines(result) }).toEqual({ window, events: expected });
				checked += expected.length;
			}
		} finally {
			Object.assign(t.sandbox.faults, { rate429: 0, retryAfter: 1, deny: [] });
			t.delta().pageSize = 100;
		}
		const requests = t.deltaRequests();
		expect(script.operations).toBeGreaterThanOrEqual(1000);
		expect(checked).toBeGreaterThan(600);
		expect(requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		if (process.env.TRIGGER_FIGURES) {
			process.stdout.write(
				`changes ${script.operations}, events checked ${checked}, polls ${polls}, delta requests ${requests.length} (${requests.filter((r) => r.status === 429).length} throttled)\n`,
			);
		}
	});
});
