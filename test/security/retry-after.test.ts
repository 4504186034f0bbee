import { jsonOf, useSandbox } from '../helpers/setup';

// A Retry-After beyond the node's ceiling (5 minutes) is not waited out: past Node's timer limit
// (2^31 ms) a wait would fire at once and hammer Graph, and a day-long one would hang the
// execution. The item ends with a throttling error that says how long Graph asked to wait.
const t = useSandbox();

afterEach(() => Object.assign(t.sandbox.faults, { rate429: 0, retryAfter: 1, retryAfterDate: false }));

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = () => (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(0, 3);

describe('Retry-After past the ceiling ends the item at once', () => {
	test.each([
		[25 * 24 * 3600, false, /asked to wait 25 days before this request is sent again.*longer than the 5 minutes the node waits at most/],
		[24 * 3600, false, /asked to wait 24 hours/],
		[30 * 24 * 3600, true, /asked to wait 30 days/],
	])('Retry-After %d s (as an HTTP date: %s)', async (seconds, asDate, message) => {
		Object.assign(t.sandbox.faults, { rate429: 1, retryAfter: seconds, retryAfterDate: asDate });
		const started = Date.now();
		const result = await t.run({ parameters: { resource: 'user', operation: 'get', userId: byId(users()[0].id) } });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.context?.graphCode).toBe('TooManyRequests');
		// One request, not sent again: no hammering, no hang.
		expect(t.requests()).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(30_000);
	});

	test('in a $batch, each throttled item ends with its own error; the envelope is not resent', async () => {
		Object.assign(t.sandbox.faults, { rate429: 1, retryAfter: 25 * 24 * 3600 });
		const result = await t.run({
			continueOnFail: true,
			items: users().map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expect(jsonOf(result)).toEqual(users().map(() => expect.objectContaining({ code: 'TooManyRequests', error: expect.stringMatching(/asked to wait 25 days/) })));
		// The outer $batch envelope itself is answered 429 by the fault: one request in all.
		expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(1);
	});
});
