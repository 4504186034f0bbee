import { jsonOf, useSandbox } from '../../helpers/setup';
import { byId } from '../../helpers/locators';

// Without Continue On Fail, n8n stops at the first failing item. Batched writes must not run on
// past it silently: envelopes go out one at a time, nothing is sent after the failure, and the
// error lists the items of its own envelope that were carried out.
const t = useSandbox({ seed: { users: 400, groups: 2 } });

const missing = '00000000-0000-4000-8000-00000000abcd';

function disableUsers(ids: string[], continueOnFail: boolean, options: object = {}) {
	return t.run({
		items: ids.map((id) => ({ id })),
		continueOnFail,
		parameters: { resource: 'user', operation: 'disable', userId: byId('={{ $json.id }}'), options },
	});
}

const enabledUsers = () =>
	(t.sandbox.store.listUsers() as Array<{ id: string; accountEnabled: boolean }>).filter((user) => user.accountEnabled);

test('with concurrency 1, a failure in the first envelope stops the run: later envelopes are never sent, and applied items are named', async () => {
	const users = enabledUsers().slice(0, 45);
	const ids = users.map((user) => user.id);
	ids[5] = missing;
	const result = await disableUsers(ids, false, { concurrency: 1 });

	expect(result.error?.context?.itemIndex).toBe(5);
	expect(result.error?.description).toMatch(/Items 6, 7, .*, 19 were sent together with this one and were carried out/);
	expect(result.error?.context?.appliedItems).toEqual(Array.from({ length: 14 }, (_, index) => index + 6));
	const disabled = (index: number) => t.sandbox.store.getUser(users[index].id).accountEnabled === false;
	expect([0, 1, 2, 3, 4].every(disabled)).toBe(true);
	expect(Array.from({ length: 14 }, (_, index) => index + 6).every(disabled)).toBe(true);
	// Items 20-44 were never sent.
	expect(Array.from({ length: 25 }, (_, index) => index + 20).some(disabled)).toBe(false);
	expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(1);
});

test('with concurrency 4 one round is 4 envelopes of 20: a failure in it stops the run before the next round', async () => {
	const users = enabledUsers().slice(0, 100);
	const ids = users.map((user) => user.id);
	ids[5] = missing;
	const result = await disableUsers(ids, false, { concurrency: 4 });

	expect(result.error?.context?.itemIndex).toBe(5);
	expect(result.error?.context?.appliedItems).toEqual(Array.from({ length: 74 }, (_, index) => index + 6));
	const disabled = (index: number) => t.sandbox.store.getUser(users[index].id).accountEnabled === false;
	expect(Array.from({ length: 80 }, (_, index) => index).filter((index) => index !== 5).every(disabled)).toBe(true);
	expect(Array.from({ length: 20 }, (_, index) => index + 80).some(disabled)).toBe(false);
	expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(4);
});

test('with Continue On Fail every item is sent at once and gets its own result', async () => {
	const users = (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(60, 105);
	const ids = users.map((user) => user.id);
	ids[5] = missing;
	const result = await disableUsers(ids, true);

	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toHaveLength(45);
	expect(jsonOf(result)[5]).toMatchObject({ code: 'Request_ResourceNotFound' });
	expect(jsonOf(result).filter((json) => json.disabled === true)).toHaveLength(44);
	expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(3);
});
