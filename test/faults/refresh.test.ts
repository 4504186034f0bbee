import type { IDataObject } from 'n8n-workflow';

import { connectedDelegatedCredential } from '../helpers/oauth';
import { appOnlyCredential, jsonOf, useSandbox } from '../helpers/setup';
import { expectOnePerItem, measured, NO_FAULTS, reportFigures } from './harness';

// A 401 in the middle of a long run: n8n's built-in Entra node once lost its OAuth2 refresh after
// an hour because the 401 never reached n8n's refresh path. Here every token is expired while
// 1,000 items are in flight, four $batch envelopes at a time.
const t = useSandbox({ seed: { users: 2500, groups: 5 } });
reportFigures('refresh');

interface TokenLogEntry {
	grantType: string;
	status: number;
	source: string;
}

const auth = () => t.sandbox.auth as unknown as {
	tokenLog: TokenLogEntry[];
	clearTokenLog(): void;
	expireAllTokens(): void;
	revokeRefreshTokens(userId?: string): void;
};
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = () => t.sandbox.store.listUsers() as Array<{ id: string; jobTitle?: string }>;
const tokenData = () => t.runner.getCredential('entraIdOAuth2Api')?.oauthTokenData as IDataObject;
const unauthorized = () => t.requests().filter((entry) => entry.status === 401);

afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

/** Runs a workflow and expires every token once the sandbox has seen `after` of its Graph requests. */
async function runExpiringTokens(name: string, options: Parameters<typeof t.run>[0], after = 10) {
	let done = false;
	const running = measured(name, t.sandbox, t.run, options).finally(() => (done = true));
	while (!done && t.requests().length < after) await new Promise((resolve) => setTimeout(resolve, 2));
	expect(done).toBe(false);
	auth().expireAllTokens();
	return await running;
}

function updateJobTitles(chosen: Array<{ id: string }>, jobTitle: string, continueOnFail = true) {
	return {
		items: chosen.map((user) => ({ id: user.id })),
		continueOnFail,
		parameters: { resource: 'user', operation: 'update', userId: byId('={{ $json.id }}'), updateFields: { jobTitle }, options: { concurrency: 4 } },
	};
}

describe('401 on a delegated token: one OAuth2 refresh through n8n, saved, reused', () => {
	test('tokens expire mid-run: the run completes, one refresh, the new tokens stored and used by the next execution', async () => {
		const credential = await connectedDelegatedCredential(t.sandbox);
		const first = credential.oauthTokenData as IDataObject;
		t.runner.setCredential('entraIdOAuth2Api', credential);
		auth().clearTokenLog();
		Object.assign(t.sandbox.faults, { latencyMs: 15 });
		const chosen = users().slice(0, 1000);

		const { result } = await runExpiringTokens('user.update, tokens expired mid-run (delegated)', updateJobTitles(chosen, 'Refreshed'));
		expectOnePerItem(result, 1000);
		expect(jsonOf(result)).toEqual(chosen.map((user) => ({ id: user.id, updated: true })));
		for (const user of chosen) expect(t.sandbox.store.getUser(user.id).jobTitle).toBe('Refreshed');
		expect(unauthorized().length).toBeGreaterThan(0);

		expect(auth().tokenLog.filter((entry) => entry.grantType === 'refresh_token')).toEqual([expect.objectContaining({ status: 200 })]);
		const stored = tokenData();
		expect(stored.access_token).not.toBe(first.access_token);
		expect(stored.refresh_token).not.toBe(first.refresh_token);

		// The next execution starts with the stored tokens: no 401, no refresh.
		t.sandbox.clearLog();
		const again = await t.run(updateJobTitles(chosen.slice(0, 40), 'Refreshed twice'));
		expectOnePerItem(again, 40);
		expect(unauthorized()).toEqual([]);
		expect(auth().tokenLog.filter((entry) => entry.grantType === 'refresh_token')).toHaveLength(1);
		expect(tokenData().access_token).toBe(stored.access_token);

		const tokens = [first.access_token, first.refresh_token, stored.access_token, stored.refresh_token].map(String);
		const seen = JSON.stringify([result.output, result.logs, again.output, again.logs]);
		expect(tokens.filter((token) => seen.includes(token))).toEqual([]);
	});

	test('a refresh token that was revoked: the run stops after one refresh attempt, asking to reconnect', async () => {
		t.runner.setCredential('entraIdOAuth2Api', await connectedDelegatedCredential(t.sandbox));
		auth().clearTokenLog();
		auth().revokeRefreshTokens();
		auth().expireAllTokens();
		const result = await t.run(updateJobTitles(users().slice(1000, 1100), 'Never', false));
		expect(result.error?.message).toMatch(/access token was rejected.*Reconnect the credential/);
		expect(auth().tokenLog.filter((entry) => entry.grantType === 'refresh_token')).toEqual([expect.objectContaining({ status: 400 })]);
		for (const user of users().slice(1000, 1100)) expect(t.sandbox.store.getUser(user.id).jobTitle).not.toBe('Never');
	});
});

describe('401 on an app-only token: one fresh token from MSAL', () => {
	test('tokens expire mid-run: the run completes with one new token request', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		const chosen = users().slice(1200, 2200);
		const warmUp = await t.run({ ...updateJobTitles(chosen.slice(0, 1), 'Warm'), credentialType: 'entraIdAppOnlyApi' });
		expectOnePerItem(warmUp, 1);
		auth().clearTokenLog();
		t.sandbox.clearLog();
		Object.assign(t.sandbox.faults, { latencyMs: 15 });

		const { result } = await runExpiringTokens('user.update, tokens expired mid-run (app-only)', {
			...updateJobTitles(chosen, 'Refreshed (app)'),
			credentialType: 'entraIdAppOnlyApi',
		});
		expectOnePerItem(result, 1000);
		expect(jsonOf(result)).toEqual(chosen.map((user) => ({ id: user.id, updated: true })));
		expect(unauthorized().length).toBeGreaterThan(0);
		expect(auth().tokenLog).toEqual([expect.objectContaining({ grantType: 'client_credentials', status: 200 })]);
	});
});
