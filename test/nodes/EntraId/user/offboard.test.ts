import type { IDataObject } from 'n8n-workflow';

import { accessAfterOffboard, accessOf, authMethods, makeLeaver, SKU_IDS } from '../../../helpers/leavers';
import { byId, byList } from '../../../helpers/locators';
import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const ALL_BUT_DELETE = ['disable', 'revokeSessions', 'removeGroups', 'removeLicenses', 'removeManager', 'removeOwnerships', 'removeAuthMethods'];

const offboard = (who: string | string[], options: IDataObject = {}, extra: IDataObject = {}, continueOnFail = false) =>
	t.run({
		items: (Array.isArray(who) ? who : [who]).map((value) => ({ who: value })),
		continueOnFail,
		parameters: { resource: 'user', operation: 'offboard', userId: byList('={{ $json.who }}'), options, ...extra },
	});

/** Requests that change something: every method but GET, $batch envelopes left out (their items are logged on their own). */
const writes = () => t.requests().filter((entry) => entry.method !== 'GET' && entry.path !== '/v1.0/$batch');
const stepOf = (report: IDataObject, step: string) => (report.steps as IDataObject[]).find((entry) => entry.step === step) as IDataObject;

describe('User → Offboard', () => {
	test('a dry run reads, plans every step and writes nothing', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const before = accessOf(t.sandbox.store, leaver.id);
		const result = await offboard(leaver.userPrincipalName, { dryRun: true, keepGroupIds: leaver.groups.kept });
		expect(result.error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(accessOf(t.sandbox.store, leaver.id)).toEqual(before);
		const [report] = jsonOf(result);
		expect(report).toMatchObject({ id: leaver.id, userPrincipalName: leaver.userPrincipalName, complete: true, dryRun: true });
		expect((report.steps as IDataObject[]).map((step) => [step.step, step.status])).toEqual(ALL_BUT_DELETE.map((step) => [step, 'planned']));
		expect(stepOf(report, 'removeGroups')).toMatchObject({
			removed: expect.arrayContaining([...leaver.groups.plain, leaver.groups.microsoft365, leaver.licenseGroup]),
			kept: [leaver.groups.kept],
			notRemovable: expect.arrayContaining([
				expect.objectContaining({ id: leaver.groups.dynamic, reason: 'dynamic' }),
				expect.objectContaining({ id: leaver.groups.synced, reason: 'onPremisesSynced' }),
				expect.objectContaining({ id: leaver.groups.mailEnabled, reason: 'mailEnabled' }),
				expect.objectContaining({ id: leaver.groups.distribution, reason: 'mailEnabled' }),
			]),
		});
		expect(stepOf(report, 'removeLicenses')).toMatchObject({ removed: [SKU_IDS.E3], inherited: [{ skuId: SKU_IDS.EMS, groupId: leaver.licenseGroup }] });
		expect(stepOf(report, 'removeOwnerships')).toMatchObject({ removed: [leaver.owned.shared], notRemovable: [expect.objectContaining({ id: leaver.owned.alone, reason: 'lastOwner' })] });
		expect((stepOf(report, 'removeAuthMethods').removed as IDataObject[]).map((method) => method.type).sort()).toEqual(
			['email', 'fido2', 'microsoftAuthenticator', 'phone', 'phone', 'phone', 'softwareOath', 'windowsHelloForBusiness'],
		);
	});

	test('removes every access Graph lets it remove, with $batch for the groups; a second run writes nothing and reports every step unchanged', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const result = await offboard(leaver.id, { keepGroupIds: `${leaver.groups.kept}` });
		expect(result.error).toBeUndefined();
		const [report] = jsonOf(result);
		expect(report).toMatchObject({ id: leaver.id, complete: true, dryRun: false });
		expect((report.steps as IDataObject[]).map((step) => [step.step, step.status])).toEqual(ALL_BUT_DELETE.map((step) => [step, 'done']));
		const left = accessOf(t.sandbox.store, leaver.id);
		expect(left).toEqual(accessAfterOffboard(leaver));
		expect(t.sandbox.store.getUser(leaver.id).signInSessionsValidFromDateTime).toBeDefined();
		const memberDeletes = writes().filter((entry) => entry.method === 'DELETE' && entry.path.includes('/members/'));
		expect(memberDeletes).toHaveLength(5);
		expect(memberDeletes.every((entry) => entry.batch !== false)).toBe(true);

		t.sandbox.clearLog();
		const again = await offboard(leaver.id, { keepGroupIds: leaver.groups.kept });
		expect(writes()).toEqual([]);
		const [second] = jsonOf(again);
		expect(second).toMatchObject({ complete: true });
		expect((second.steps as IDataObject[]).map((step) => [step.step, step.status])).toEqual(ALL_BUT_DELETE.map((step) => [step, 'unchanged']));
		expect(accessOf(t.sandbox.store, leaver.id)).toEqual(left);
	});

	test('New Owner takes over a group the leaver owns alone, then the leaver is removed as owner', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const heir = t.sandbox.store.listUsers()[5];
		const result = await offboard(leaver.id, { newOwnerId: heir.userPrincipalName }, { steps: ['removeOwnerships'] });
		expect(result.error).toBeUndefined();
		const [report] = jsonOf(result);
		expect(stepOf(report, 'removeOwnerships')).toMatchObject({ status: 'done', newOwnerAdded: [leaver.owned.alone], notRemovable: [] });
		expect((stepOf(report, 'removeOwnerships').removed as string[]).sort()).toEqual([leaver.owned.shared, leaver.owned.alone].sort());
		expect(t.sandbox.store.ownersOf(leaver.owned.alone)).toEqual([heir.id]);
		expect(t.sandbox.store.ownersOf(leaver.owned.shared)).toEqual([leaver.owned.coOwner]);
		expect(report.steps).toHaveLength(1);
	});

	test('delete runs last and only when every step went through; a second run on the deleted leaver reports unchanged', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const result = await offboard(leaver.id, {}, { steps: [...ALL_BUT_DELETE, 'delete'] });
		expect(result.error).toBeUndefined();
		const [report] = jsonOf(result);
		expect(stepOf(report, 'delete')).toMatchObject({ status: 'done' });
		expect(t.sandbox.store.getUser(leaver.id)).toBeUndefined();
		expect(t.sandbox.store.getDeleted(leaver.id)).toBeDefined();
		const methodWrites = writes().filter((entry) => entry.method !== 'GET');
		expect(methodWrites[methodWrites.length - 1]).toMatchObject({ method: 'DELETE', path: `/v1.0/users/${leaver.id}` });

		t.sandbox.clearLog();
		const again = await offboard(leaver.id, {}, { steps: [...ALL_BUT_DELETE, 'delete'] });
		expect(writes()).toEqual([]);
		expect((jsonOf(again)[0].steps as IDataObject[]).every((step) => step.status === 'unchanged')).toBe(true);
	});

	test('a failed step does not stop the others, delete is skipped; continueOnFail gives the report, without it the error names the user and the step', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		authMethods.setDefaultMethod(t.sandbox.store, leaver.id, authMethods.PHONE_IDS.mobile);
		const other = makeLeaver(t.sandbox.store);
		const result = await offboard([leaver.id, other.id], {}, { steps: [...ALL_BUT_DELETE, 'delete'] }, true);
		const [failed, done] = jsonOf(result);
		expect(failed).toMatchObject({ id: leaver.id, complete: false });
		expect(stepOf(failed, 'removeAuthMethods')).toMatchObject({ status: 'failed', failed: [expect.objectContaining({ id: authMethods.PHONE_IDS.mobile, type: 'phone', code: 'badRequest' })] });
		expect(stepOf(failed, 'removeGroups')).toMatchObject({ status: 'done' });
		expect(stepOf(failed, 'delete')).toMatchObject({ status: 'skipped' });
		expect(t.sandbox.store.getUser(leaver.id)).toBeDefined();
		expect(accessOf(t.sandbox.store, leaver.id).methods).toEqual(['password', 'phone']);
		expect(done).toMatchObject({ id: other.id, complete: true });
		expect(t.sandbox.store.getUser(other.id)).toBeUndefined();

		const stopped = await offboard(leaver.id, {}, { steps: ['removeAuthMethods', 'delete'] });
		expect(stopped.error?.message).toContain(leaver.userPrincipalName);
		expect(stopped.error?.message).toContain('"removeAuthMethods"');
	});

	test('a leaver who does not exist is an error item under continueOnFail; the others are offboarded', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const result = await offboard(['00000000-0000-4000-8000-00000000dead', leaver.id], {}, { steps: ['disable'] }, true);
		const [missing, done] = jsonOf(result);
		expect(missing).toMatchObject({ error: expect.stringContaining('Not found'), code: 'Request_ResourceNotFound' });
		expect(done).toMatchObject({ id: leaver.id, complete: true, steps: [{ step: 'disable', status: 'done' }] });
		expect(t.sandbox.store.getUser(leaver.id).accountEnabled).toBe(false);
	});

	test('a group Graph refuses (403) is reported under failed, with its code', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		t.sandbox.faults.deny = [{ method: 'DELETE', path: new RegExp(`/groups/${leaver.groups.plain[0]}/members/`) }];
		try {
			const result = await offboard(leaver.id, {}, { steps: ['removeGroups'] }, true);
			const step = stepOf(jsonOf(result)[0], 'removeGroups');
			expect(step).toMatchObject({ status: 'failed', code: 'Authorization_RequestDenied', failed: [expect.objectContaining({ id: leaver.groups.plain[0], code: 'Authorization_RequestDenied' })] });
			expect((step.removed as string[]).length).toBe(5);
		} finally {
			t.sandbox.faults.deny = [];
		}
	});

	test.each([
		['steps', { steps: ['disable', 'shred'] }, /"shred" is not a step \[parameter "steps"\]/],
		['steps', { steps: [] }, /at least one step \[parameter "steps"\]/],
		['options.keepGroupIds', { options: { keepGroupIds: 'not-a-guid' } }, /\[parameter "options.keepGroupIds"\]/],
		['options.newOwnerId', { options: { newOwnerId: 'no one' } }, /\[parameter "options.newOwnerId"\]/],
		['userId', { userId: byId('={{ "" }}') }, /\[parameter "userId"\]/],
	])('bad %s is refused before any request', async (_name, parameters, message) => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'offboard', userId: byId(t.sandbox.store.listUsers()[3].id), ...parameters } });
		expect(result.error?.message).toMatch(message);
		expect(t.requests()).toHaveLength(0);
	});
});
