import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

const MISSING = '00000000-0000-4000-8000-000000000000';
const REPORTS = 1050;

interface User {
	id: string;
	userPrincipalName: string;
	displayName: string;
}

let boss: User;
let reportIds: string[];

beforeAll(() => {
	// More reports than Graph's largest page (999), so Return All must follow @odata.nextLink.
	const store = t.sandbox.store;
	boss = store.createUser({ displayName: 'Big Boss', userPrincipalName: 'big.boss@contoso.com', mailNickname: 'big.boss', accountEnabled: true }, { seed: true });
	reportIds = Array.from({ length: REPORTS }, (_, n) => {
		const report = store.createUser(
			{ displayName: `Report ${n}`, userPrincipalName: `report${n}@contoso.com`, mailNickname: `report${n}`, accountEnabled: true, department: 'Ops' },
			{ seed: true },
		);
		store.setManager(report.id, boss.id, { seed: true });
		return report.id as string;
	});
});

const listCalls = () => t.requests().filter((entry) => entry.path.endsWith('/directReports'));

describe('User → Get Direct Reports', () => {
	test('Return All follows every page and returns each report once, simplified', async () => {
		const result = await t.run({
			items: [{ n: 1 }],
			parameters: { resource: 'user', operation: 'getDirectReports', userId: byId(boss.id), returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((report) => report.id);
		expect(ids).toHaveLength(REPORTS);
		expect(new Set(ids)).toEqual(new Set(reportIds));
		expect(result.output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(jsonOf(result)[0]).toMatchObject({ department: 'Ops', accountEnabled: true });
		expect(Object.keys(jsonOf(result)[0]).some((key) => key.startsWith('@odata'))).toBe(false);
		const calls = listCalls();
		expect(calls).toHaveLength(2);
		expect(calls[0].query.$top).toBe('999');
		expect(calls[1].query.$skiptoken).toEqual(expect.any(String));
	});

	test('Limit asks Graph for just that many, for a user given by UPN', async () => {
		const result = await t.run({
			parameters: { resource: 'user', operation: 'getDirectReports', userId: byUpn(boss.userPrincipalName), limit: 7 },
		});
		expect(jsonOf(result)).toHaveLength(7);
		expect(jsonOf(result).every((report) => reportIds.includes(report.id as string))).toBe(true);
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0].query.$top).toBe('7');
	});

	test('a user without reports gives no items; an unknown user is an error paired to its item', async () => {
		const leaf = t.sandbox.store.getUser(reportIds[0]);
		const result = await t.run({
			items: [{ id: leaf.id }, { id: MISSING }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'getDirectReports', userId: byId('={{ $json.id }}'), returnAll: true },
		});
		expect(jsonOf(result)).toEqual([expect.objectContaining({ code: 'Request_ResourceNotFound', error: expect.stringMatching(/^Not found/) })]);
		expect(result.output[0].pairedItem).toEqual({ item: 1 });
	});

	test('a bad limit is refused before any request', async () => {
		const result = await t.run({
			parameters: { resource: 'user', operation: 'getDirectReports', userId: byId(boss.id), limit: '={{ 0 }}' },
		});
		expect(result.error?.message).toMatch(/\[parameter "limit"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
