import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

describe('Directory → Get Licenses', () => {
	test('lists the subscriptions with consumed and available units', async () => {
		const skus = t.sandbox.store.skus as IDataObject[];
		const result = await t.run({ parameters: { resource: 'directory', operation: 'getLicenses' } });
		const out = jsonOf(result);
		expect(out.map((sku) => sku.skuPartNumber)).toEqual(skus.map((sku) => sku.skuPartNumber));
		for (const sku of out) {
			const stored = skus.find((s) => s.skuId === sku.skuId) as IDataObject;
			const prepaid = stored.prepaidUnits as IDataObject;
			expect(sku.consumedUnits).toBe(stored.consumedUnits);
			expect(sku.availableUnits).toBe((prepaid.enabled as number) - (stored.consumedUnits as number));
			expect(sku['@odata.context']).toBeUndefined();
		}
		expect(t.requests().map((entry) => entry.path)).toEqual(['/v1.0/subscribedSkus']);
	});

	test('available units follow assignments', async () => {
		const sku = (t.sandbox.store.skus as IDataObject[]).find((s) => (s.consumedUnits as number) < ((s.prepaidUnits as IDataObject).enabled as number)) as IDataObject;
		const before = jsonOf(await t.run({ parameters: { resource: 'directory', operation: 'getLicenses' } })).find((s) => s.skuId === sku.skuId);
		const user = t.sandbox.store.listUsers().find((u: IDataObject) => u.usageLocation && !(u.assignedLicenses as IDataObject[] | undefined)?.some((l) => l.skuId === sku.skuId));
		t.sandbox.store.assignLicense(user.id, [{ skuId: sku.skuId }], []);
		const after = jsonOf(await t.run({ parameters: { resource: 'directory', operation: 'getLicenses' } })).find((s) => s.skuId === sku.skuId);
		expect(after?.consumedUnits).toBe((before?.consumedUnits as number) + 1);
		expect(after?.availableUnits).toBe((before?.availableUnits as number) - 1);
	});

	test('continueOnFail: a refusal is mapped with LicenseAssignment.Read.All', async () => {
		t.sandbox.faults.deny = [{ path: /subscribedSkus/ }];
		try {
			const result = await t.run({ continueOnFail: true, parameters: { resource: 'directory', operation: 'getLicenses' } });
			const [failed] = jsonOf(result);
			expect(failed.code).toBe('Authorization_RequestDenied');
			expect(failed.error).toMatch(/LicenseAssignment\.Read\.All/);
		} finally {
			t.sandbox.faults.deny = [];
		}
	});
});
