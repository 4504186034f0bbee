import type { IDataObject } from 'n8n-workflow';

import { byId } from '../helpers/locators';
import { jsonOf, useSandbox } from '../helpers/setup';
import { expectOnePerItem, faultProfile, measured, NO_FAULTS, reportFigures } from './harness';

// Identity Protection under faults, on top of its own limit of one request a second per tenant
// (429 without Retry-After beyond it): the node's paced calls lose nothing and are never refused
// by that limit; the injected 429s, 503s, resets and lost answers are retried.
const t = useSandbox();
jest.setTimeout(120_000);
reportFigures('identityProtection');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxGovernance = require('../sandbox/governance') as {
	governanceOf: (store: unknown) => { riskyUsers: Map<string, IDataObject>; identityProtection: { refused: number; accepted: number } };
	addRiskyUser: (gov: unknown, user: unknown, level: string, state?: string) => IDataObject;
};
const gov = () => sandboxGovernance.governanceOf(t.sandbox.store);
type User = { id: string; userType: string };
const members = () => (t.sandbox.store.listUsers() as User[]).filter((user) => user.userType === 'Member');
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

describe('Identity Protection under faults', () => {
	test('riskyUser.dismiss, 150 items (requests of 60) without Continue On Fail, under 429s and lost answers: every user dismissed, every item answered, none refused by the 1/s limit', async () => {
		const chosen = members().slice(0, 150);
		for (const user of chosen) sandboxGovernance.addRiskyUser(gov(), user, 'high');
		const refusedBefore = gov().identityProtection.refused;
		Object.assign(t.sandbox.faults, faultProfile(305, { rateLostAnswer: 0.3, rate429: 0.4 }));
		const { result, figures } = await measured('riskyUser.dismiss (paced, 60 a request)', t.sandbox, t.run, {
			items: chosen.map((user) => ({ id: user.id })),
			parameters: { resource: 'riskyUser', operation: 'dismiss', userId: byId('={{ $json.id }}') },
		});
		expectOnePerItem(result, 150);
		expect(jsonOf(result)).toEqual(chosen.map((user) => ({ id: user.id, dismissed: true })));
		for (const user of chosen) expect(gov().riskyUsers.get(user.id)?.riskState).toBe('dismissed');
		expect(gov().identityProtection.refused).toBe(refusedBefore);
		// Requests Graph carried out whose answer was lost were sent again: marking users twice changes nothing.
		expect(figures.faults.lostAnswer).toBeGreaterThan(0);
		expect(figures.faults['429']).toBeGreaterThan(0);
		expect(figures.retries).toBeGreaterThan(0);
	});

	test('riskyUser.getAll, Return All in pages of 25: every risky user exactly once, none refused by the 1/s limit', async () => {
		const refusedBefore = gov().identityProtection.refused;
		Object.assign(t.sandbox.faults, faultProfile(302, { maxPageSize: 25 }));
		const { result, figures } = await measured('riskyUser.getAll (paced pages of 25)', t.sandbox, t.run, {
			parameters: { resource: 'riskyUser', operation: 'getAll', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((user) => String(user.id));
		expect(ids.sort()).toEqual([...gov().riskyUsers.keys()].sort());
		expect(new Set(ids).size).toBe(ids.length);
		expect(gov().identityProtection.refused).toBe(refusedBefore);
		expect(figures.requests).toBeGreaterThanOrEqual(Math.ceil(ids.length / 25));
	});
});
