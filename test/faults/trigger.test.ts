import type { IDataObject } from 'n8n-workflow';

import { newGroup, newUser, summary, useTrigger } from '../nodes/EntraIdTrigger/harness';
import { faultProfile, measuredWork, NO_FAULTS, reportFigures } from './harness';

// The Entra ID Trigger reading 2,000 changes through Graph delta queries, 10 per page, under the
// full fault profile. A poll that fails saves nothing and the next one starts where the last
// good one ended, so every change must come out exactly once over the polls.
const t = useTrigger({ seed: { users: 200, groups: 2 } });
reportFigures('trigger');
jest.setTimeout(120_000);

afterEach(() => {
	Object.assign(t.sandbox.faults, NO_FAULTS);
	t.delta().pageSize = 100;
});

describe('Entra ID Trigger under faults', () => {
	test('1,000 new users and 1,000 member adds: every event emitted exactly once over the polls', async () => {
		t.delta().pageSize = 10;
		const trigger = await t.activate({ event: ['userCreated', 'memberAdded'] });
		const joiners = Array.from({ length: 1000 }, () => newUser(t));
		const group = newGroup(t);
		const oldHands = (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(0, 1000);
		for (const user of oldHands) t.sandbox.store.addMember(group.id, user.id);
		const expected = [...joiners.map((user) => `userCreated ${user.id}`), ...oldHands.map((user) => `memberAdded ${group.id} ${user.id}`)];

		Object.assign(t.sandbox.faults, faultProfile(501));
		const emitted: IDataObject[] = [];
		const logStart = t.runner.logs.length;
		let failedPolls = 0;
		const figures = await measuredWork('trigger: userCreated + memberAdded', t.sandbox, async () => {
			for (let poll = 0; poll < 20 && emitted.length < expected.length; poll++) {
				const result = await trigger.poll();
				if (result.error) failedPolls++;
				else emitted.push(...(result.items ?? []));
			}
			return { itemsIn: expected.length, ok: emitted.length, errors: failedPolls, logs: t.runner.logs.slice(logStart) };
		});

		const events = emitted.map((item) =>
			item.event === 'memberAdded' ? `memberAdded ${String(item.id)} ${String((item.member as IDataObject).id)}` : summary([item])[0],
		);
		expect(new Set(events).size).toBe(events.length);
		expect([...events].sort()).toEqual([...expected].sort());
		expect(figures.faults['429']).toBeGreaterThan(0);
		expect(figures.retries).toBeGreaterThan(0);

		Object.assign(t.sandbox.faults, NO_FAULTS);
		const after = await trigger.poll();
		expect(after.error).toBeUndefined();
		expect(after.items ?? []).toEqual([]);
	});
});
