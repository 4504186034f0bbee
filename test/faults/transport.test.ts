import type { INode } from 'n8n-workflow';

import { adviceFor, GraphError, toNodeApiError } from '../../nodes/EntraId/transport/errors';
import { jsonOf, useSandbox } from '../helpers/setup';
import { NO_FAULTS, RETRY_LINE } from './harness';

// What the transport does with each kind of fault, one knob at a time, on small runs whose
// timing can be read from the sandbox's request log.
const t = useSandbox({ seed: { users: 300, groups: 5 } });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = () => t.sandbox.store.listUsers() as Array<{ id: string; userPrincipalName: string }>;
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

function getUsers(ids: string[], options: object = {}, continueOnFail = false) {
	return t.run({
		items: ids.map((id) => ({ id })),
		continueOnFail,
		parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}'), options },
	});
}

let joiners = 0;
function createUser(options: object = {}) {
	joiners++;
	return t.run({
		continueOnFail: true,
		parameters: {
			resource: 'user',
			operation: 'create',
			displayName: `Transport Joiner ${joiners}`,
			userPrincipalName: `transport.joiner.${joiners}@contoso.com`,
			mailNickname: `transportjoiner${joiners}`,
			password: 'Joiner#2025-Welcome',
			options: { batching: false, ...options },
		},
	});
}

/** For each throttled request, the milliseconds until the same path was asked again. */
function gapsAfter(status: number): number[] {
	const log = t.requests().filter((entry) => !entry.batch);
	return log.flatMap((entry, index) => {
		if (entry.status !== status) return [];
		const next = log.slice(index + 1).find((later) => later.path === entry.path && later.method === entry.method);
		return next ? [Number((next as unknown as { time: number }).time) - Number((entry as unknown as { time: number }).time)] : [];
	});
}

const UNCERTAIN = /may or may not have been applied/;

describe('Throttling: 429 and 503 are retried for any method', () => {
	test('Retry-After in seconds is honoured before the request is sent again', async () => {
		Object.assign(t.sandbox.faults, { rate429: 0.4, retryAfter: 1, seed: 11 });
		const chosen = users().slice(0, 4);
		const result = await getUsers(chosen.map((user) => user.id), { batching: false, concurrency: 1 });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		const gaps = gapsAfter(429);
		expect(gaps.length).toBeGreaterThan(0);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(990);
		expect(result.logs.filter((line) => RETRY_LINE.test(line))).toEqual(
			gaps.map(() => expect.stringMatching(/^debug Entra ID: retrying GET after TooManyRequests in 1000 ms/)),
		);
	});

	test('Retry-After as an HTTP date is honoured: the wait runs to that moment, not a short backoff', async () => {
		Object.assign(t.sandbox.faults, { rate429: 0.4, retryAfter: 2, retryAfterDate: true, seed: 12 });
		const chosen = users().slice(10, 14);
		const result = await getUsers(chosen.map((user) => user.id), { batching: false, concurrency: 1 });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(4);
		const gaps = gapsAfter(429);
		expect(gaps.length).toBeGreaterThan(0);
		// The date has whole seconds: "now + 2 s" read back is 1 to 2 s away.
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(990);
		const delays = result.logs.filter((line) => RETRY_LINE.test(line)).map((line) => Number(/in (\d+) ms/.exec(line)?.[1]));
		for (const delay of delays) expect(delay).toBeGreaterThan(900);
		for (const delay of delays) expect(delay).toBeLessThanOrEqual(2000);
	});

	test('503 without Retry-After backs off exponentially with jitter; a throttled POST is retried (Graph did not run it)', async () => {
		Object.assign(t.sandbox.faults, { rate503: 0.7, seed: 13 });
		const result = await createUser();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ userPrincipalName: `transport.joiner.${joiners}@contoso.com` })]);
		const posts = t.requests().filter((entry) => entry.method === 'POST');
		expect(posts.map((entry) => entry.status)).toEqual([...posts.slice(0, -1).map(() => 503), 201]);
		expect(posts.length).toBeGreaterThan(1);
		const delays = result.logs.filter((line) => RETRY_LINE.test(line)).map((line) => Number(/in (\d+) ms/.exec(line)?.[1]));
		delays.forEach((delay, attempt) => {
			expect(delay).toBeGreaterThanOrEqual((250 * 2 ** attempt) / 2);
			expect(delay).toBeLessThanOrEqual(250 * 2 ** attempt);
		});
	});
});

describe('How long throttling is waited out', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { createRng } = require('../sandbox/random') as { createRng: (seed: string) => { next(): number } };

	/** A fault seed under which the first request answered is the `n`th, after n-1 throttles in a row. */
	function seedWithThrottles(rate: number, from: number, to: number): { seed: number; throttles: number } {
		for (let seed = 1; ; seed++) {
			const rng = createRng(`faults:${seed}`);
			let throttles = 0;
			while (rng.next() < rate) throttles++;
			if (throttles >= from && throttles <= to) return { seed, throttles };
		}
	}

	test('a read throttled 10 to 14 times in a row (Graph did not run it) is still answered', async () => {
		const { seed, throttles } = seedWithThrottles(0.9, 10, 14);
		Object.assign(t.sandbox.faults, { rate429: 0.9, retryAfter: 0, seed });
		const [user] = users().slice(90, 91);
		const result = await getUsers([user.id], { batching: false });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: user.id })]);
		expect(t.requests().map((entry) => entry.status)).toEqual([...Array.from({ length: throttles }, () => 429), 200]);
	});
});

describe('Uncertain faults: 502, 504 and dropped connections', () => {
	test('reads are retried after a reset, a 502 and a 504, and every item succeeds', async () => {
		Object.assign(t.sandbox.faults, { rateReset: 0.15, rate502: 0.1, rate504: 0.1, seed: 21 });
		const chosen = users().slice(20, 60);
		const result = await getUsers(chosen.map((user) => user.id), { batching: false });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		const faults = t.requests().map((entry) => (entry as unknown as { fault?: unknown }).fault);
		expect(faults).toEqual(expect.arrayContaining(['reset', 502, 504]));
	});

	test.each([
		['a reset connection', { rateReset: 1 }, /ECONNRESET/],
		['a 502', { rate502: 1 }, /502|BadGateway/],
		['a 504', { rate504: 1 }, /504|GatewayTimeout/],
	])('a create that meets %s is sent once, never again, and its item says it may or may not have been applied', async (_, knobs, detail) => {
		Object.assign(t.sandbox.faults, knobs);
		const result = await createUser();
		expect(t.requests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
		const [item] = jsonOf(result);
		expect(item.error).toMatch(UNCERTAIN);
		expect(item.error).toMatch(/Get/);
		expect(`${item.error} ${item.details}`).toMatch(detail);
		expect(result.logs.filter((line) => RETRY_LINE.test(line))).toEqual([]);
	});

	test('a create carried out whose answer was lost is not sent again: one user, and an item saying the outcome is unknown', async () => {
		Object.assign(t.sandbox.faults, { rateLostAnswer: 1 });
		const result = await createUser();
		const upn = `transport.joiner.${joiners}@contoso.com`;
		expect(t.requests().filter((entry) => entry.method === 'POST')).toEqual([expect.objectContaining({ status: 201, fault: 'lostAnswer' })]);
		expect(t.sandbox.store.listUsers().filter((user: { userPrincipalName: string }) => user.userPrincipalName === upn)).toHaveLength(1);
		expect(jsonOf(result)[0].error).toMatch(UNCERTAIN);
	});

	test('a delete carried out whose answer was lost is sent again, finds the user gone, and counts as done', async () => {
		Object.assign(t.sandbox.faults, { rateLostAnswer: 0.5, seed: 22 });
		const leavers = users().slice(200, 210);
		const result = await t.run({
			items: leavers.map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'delete', userId: byId('={{ $json.id }}'), options: { batching: false } },
		});
		expect(jsonOf(result)).toEqual(leavers.map((user) => ({ id: user.id, deleted: true })));
		const deletes = t.requests().filter((entry) => entry.method === 'DELETE');
		expect(deletes.filter((entry) => entry.status === 404).length).toBeGreaterThan(0);
		expect(deletes.filter((entry) => entry.status === 204)).toHaveLength(10);
	});
});

describe('Order of writes to one object', () => {
	test('two different updates of one user in one run land in item order, even when the first is throttled and retried', async () => {
		const movers = users().slice(100, 140);
		const items = [...movers.map((user) => ({ id: user.id, title: 'First move' })), ...movers.map((user) => ({ id: user.id, title: 'Second move' }))];
		Object.assign(t.sandbox.faults, { rate429: 0.3, retryAfter: 0, seed: 41 });
		const result = await t.run({
			items,
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'update', userId: byId('={{ $json.id }}'), updateFields: { jobTitle: '={{ $json.title }}' } },
		});
		expect(jsonOf(result)).toEqual(items.map((item) => ({ id: item.id, updated: true })));
		expect(t.requests().some((entry) => entry.status === 429)).toBe(true);
		for (const user of movers) expect(t.sandbox.store.getUser(user.id).jobTitle).toBe('Second move');
	});

	test('a leaver listed twice: the first item deletes the user, the second finds it gone, in that order', async () => {
		const [leaver] = users().slice(140, 141);
		const result = await t.run({
			items: [{ id: leaver.id }, { id: leaver.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'delete', userId: byId('={{ $json.id }}') },
		});
		const [first, second] = jsonOf(result);
		expect(first).toEqual({ id: leaver.id, deleted: true });
		expect(second).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(t.requests().filter((entry) => entry.method === 'DELETE').map((entry) => entry.status)).toEqual([204, 404]);
	});
});

describe('Timeouts', () => {
	test('a hung read is abandoned after the Timeout option and sent again; the run finishes', async () => {
		Object.assign(t.sandbox.faults, { hangRate: 0.2, seed: 31 });
		const chosen = users().slice(60, 80);
		const started = Date.now();
		const result = await getUsers(chosen.map((user) => user.id), { batching: false, timeout: 1 });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		expect(t.sandbox.faultCounts.hang).toBeGreaterThan(0);
		expect(Date.now() - started).toBeLessThan(20_000);
	});

	test('a hung create is not sent again: its item fails after the timeout, saying it may or may not have been applied', async () => {
		Object.assign(t.sandbox.faults, { hangRate: 1 });
		const started = Date.now();
		const result = await createUser({ timeout: 1 });
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(t.requests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
		const [item] = jsonOf(result);
		expect(item.error).toMatch(UNCERTAIN);
		expect(item.error).toMatch(/before the timeout \(see the Timeout option\)/);
		expect(item.code).toBe('ETIMEDOUT');
	});
});

describe('Error messages', () => {
	const node = { id: 'n', name: 'Entra ID', type: 'entraId', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

	test.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED'])(
		"n8n's generic text for %s does not replace the node's advice",
		(code) => {
			const error = new GraphError(0, code, `The connection to Microsoft Graph failed (${code})`);
			const apiError = toNodeApiError(node, error, 0);
			expect(apiError.message).toBe(adviceFor(error));
			expect(apiError.message).not.toMatch(/retry the request immediately|Retry on Fail|perhaps the server is offline/);
		},
	);
});
