import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';
import { loadOptions } from '../../../runner/load-options';

const t = useSandbox();

interface License {
	skuId: string;
	disabledPlans: string[];
}
interface User {
	id: string;
	userPrincipalName: string;
	userType: string;
	usageLocation?: string;
	assignedLicenses?: License[];
}
interface Sku {
	skuId: string;
	skuPartNumber: string;
	consumedUnits: number;
	servicePlans: Array<{ servicePlanId: string; servicePlanName: string }>;
}

const store = () => t.sandbox.store;
const sku = (partNumber: string): Sku => store().skus.find((candidate: Sku) => candidate.skuPartNumber === partNumber);
const licensesOf = (id: string): License[] => store().getUser(id).assignedLicenses ?? [];
/** Members with a usage location and without the SKU. */
const candidates = (skuId: string): User[] =>
	store()
		.listUsers()
		.filter((user: User) => user.userType === 'Member' && user.usageLocation && !licensesOf(user.id).some((l) => l.skuId === skuId));
const withoutUsageLocation = (): User => store().listUsers().find((user: User) => user.userType === 'Member' && !user.usageLocation);
const assignCalls = () => t.requests().filter((entry) => entry.path.endsWith('/assignLicense'));

afterEach(() => {
	t.sandbox.faults.replicationDelayMs = 0;
});

describe('User → Assign License', () => {
	test('assigns the SKU with the chosen plans disabled and returns the updated user', async () => {
		const ems = sku('EMS');
		const [plan] = ems.servicePlans;
		const [user] = candidates(ems.skuId);
		const before = ems.consumedUnits;
		const result = await t.run({
			items: [{ n: 1 }],
			parameters: { resource: 'user', operation: 'assignLicense', userId: byId(user.id), skuId: ems.skuId, disabledPlans: [plan.servicePlanId] },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: user.id })]);
		expect(Object.keys(jsonOf(result)[0]).some((key) => key.startsWith('@odata'))).toBe(false);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(licensesOf(user.id)).toContainEqual({ skuId: ems.skuId, disabledPlans: [plan.servicePlanId] });
		expect(sku('EMS').consumedUnits).toBe(before + 1);
		expect(assignCalls().map((entry) => entry.path)).toEqual([`/v1.0/users/${user.id}/assignLicense`]);
	});

	test('users given by UPN, several items in one $batch, plan IDs as comma-separated text', async () => {
		const e3 = sku('ENTERPRISEPACK');
		const plans = e3.servicePlans.slice(0, 2).map((plan) => plan.servicePlanId);
		const users = candidates(e3.skuId).slice(0, 3);
		const result = await t.run({
			items: users.map((user) => ({ upn: user.userPrincipalName })),
			parameters: {
				resource: 'user',
				operation: 'assignLicense',
				userId: byUpn('={{ $json.upn }}'),
				skuId: e3.skuId.toUpperCase(),
				disabledPlans: `={{ "${plans.join(', ')}, ${plans[0]}" }}`,
			},
		});
		expect(jsonOf(result).map((user) => user.id)).toEqual(users.map((user) => user.id));
		for (const user of users) expect(licensesOf(user.id)).toContainEqual({ skuId: e3.skuId, disabledPlans: plans });
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch']);
	});

	test('a user without a usage location gets the clear advice; the other items still get their license', async () => {
		const ems = sku('EMS');
		const nowhere = withoutUsageLocation();
		const [user] = candidates(ems.skuId);
		const result = await t.run({
			items: [{ id: nowhere.id }, { id: user.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'assignLicense', userId: byId('={{ $json.id }}'), skuId: ems.skuId },
		});
		const [failed, done] = jsonOf(result);
		expect(failed).toMatchObject({
			error: expect.stringMatching(/^Set the user's usageLocation \(two-letter country code\) before assigning a license/),
			code: 'Request_BadRequest',
		});
		expect(failed.details).toMatch(/usage location/);
		expect(licensesOf(nowhere.id).some((license) => license.skuId === ems.skuId)).toBe(false);
		expect(done).toMatchObject({ id: user.id });
		expect(licensesOf(user.id).some((license) => license.skuId === ems.skuId)).toBe(true);
	});

	test('a user created moments ago is retried through replication lag', async () => {
		const ems = sku('EMS');
		t.sandbox.faults.replicationDelayMs = 1200;
		const joiner = store().createUser({
			displayName: 'Joiner',
			userPrincipalName: 'license.joiner@contoso.com',
			mailNickname: 'license.joiner',
			accountEnabled: true,
			usageLocation: 'GB',
		});
		const result = await t.run({ parameters: { resource: 'user', operation: 'assignLicense', userId: byId(joiner.id), skuId: ems.skuId } });
		expect(result.error).toBeUndefined();
		expect(licensesOf(joiner.id)).toEqual([{ skuId: ems.skuId, disabledPlans: [] }]);
		expect(assignCalls()[0].status).toBe(404);
		expect(assignCalls().length).toBeGreaterThan(1);
	});

	test.each([
		['skuId', { skuId: '={{ "E5" }}' }],
		['disabledPlans', { disabledPlans: '={{ ["efb87545-963c-4e0d-99df-69c6916d9eb0", "YAMMER_ENTERPRISE"] }}' }],
	])('a non-GUID %s is refused before any request', async (parameter, bad) => {
		const ems = sku('EMS');
		const [user] = candidates(ems.skuId);
		const result = await t.run({
			parameters: { resource: 'user', operation: 'assignLicense', userId: byId(user.id), skuId: ems.skuId, ...bad },
		});
		expect(result.error?.message).toMatch(new RegExp(`\\[parameter "${parameter}"\\]`));
		expect(t.requests()).toHaveLength(0);
	});

	test("the SKU picker lists the tenant's user subscriptions; the plan picker lists the chosen SKU's plans", async () => {
		const picker = { resource: 'user', operation: 'assignLicense' };
		const skus = await loadOptions(t.runner, 'getSubscribedSkus', picker);
		expect(skus.map((option) => option.value).sort()).toEqual(store().skus.map((candidate: Sku) => candidate.skuId).sort());
		expect(skus.map((option) => option.name)).toEqual([...skus.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		const e5 = sku('SPE_E5');
		expect(skus.find((option) => option.value === e5.skuId)?.name).toMatch(/^SPE_E5 \(\d+ of 25 used\)$/);

		const plans = await loadOptions(t.runner, 'getServicePlans', { ...picker, skuId: e5.skuId });
		expect(plans.map((option) => option.value).sort()).toEqual(e5.servicePlans.map((plan) => plan.servicePlanId).sort());
		expect(await loadOptions(t.runner, 'getServicePlans', { ...picker, skuId: '' })).toEqual([]);
	});
});
