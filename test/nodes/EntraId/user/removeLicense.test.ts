import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

interface License {
	skuId: string;
}
interface User {
	id: string;
	userPrincipalName: string;
	assignedLicenses?: License[];
}
interface Sku {
	skuId: string;
	skuPartNumber: string;
	consumedUnits: number;
}

const store = () => t.sandbox.store;
const sku = (partNumber: string): Sku => store().skus.find((candidate: Sku) => candidate.skuPartNumber === partNumber);
const has = (id: string, skuId: string) => (store().getUser(id).assignedLicenses ?? []).some((license: License) => license.skuId === skuId);
const holders = (skuId: string): User[] => store().listUsers().filter((user: User) => has(user.id, skuId));

describe('User → Remove License', () => {
	test('removes the SKU from users given by ID and by UPN and returns the updated users', async () => {
		const e3 = sku('ENTERPRISEPACK');
		const [first, second] = holders(e3.skuId);
		const before = e3.consumedUnits;
		const result = await t.run({
			items: [{ who: first.id }, { who: second.userPrincipalName }],
			parameters: { resource: 'user', operation: 'removeLicense', userId: { __rl: true, mode: 'list', value: '={{ $json.who }}' }, skuId: e3.skuId },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual([first.id, second.id]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(has(first.id, e3.skuId)).toBe(false);
		expect(has(second.id, e3.skuId)).toBe(false);
		expect(sku('ENTERPRISEPACK').consumedUnits).toBe(before - 2);
		expect(t.requests().filter((entry) => entry.path.endsWith('/assignLicense'))).toHaveLength(2);
	});

	test("a user who does not hold the SKU gets Graph's reason; the other items are still done", async () => {
		const ems = sku('EMS');
		const [holder] = holders(ems.skuId);
		const other = store().listUsers().find((user: User) => !has(user.id, ems.skuId));
		const result = await t.run({
			items: [{ upn: other.userPrincipalName }, { upn: holder.userPrincipalName }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'removeLicense', userId: byUpn('={{ $json.upn }}'), skuId: ems.skuId },
		});
		const [failed, done] = jsonOf(result);
		expect(failed).toMatchObject({ code: 'Request_BadRequest', details: expect.stringMatching(/does not have a corresponding license/) });
		expect(done).toMatchObject({ id: holder.id });
		expect(has(holder.id, ems.skuId)).toBe(false);
	});

	test('a non-GUID SKU is refused before any request', async () => {
		const [user] = holders(sku('EMS').skuId);
		const result = await t.run({
			parameters: { resource: 'user', operation: 'removeLicense', userId: byId(user.id), skuId: '={{ "ENTERPRISEPACK" }}' },
		});
		expect(result.error?.message).toMatch(/"ENTERPRISEPACK" is not a valid SKU ID \[parameter "skuId"\]/);
		expect(t.requests()).toHaveLength(0);
		expect(has(user.id, sku('EMS').skuId)).toBe(true);
	});
});
