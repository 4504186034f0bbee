import type { IDataObject } from 'n8n-workflow';

import { byId, byList, byUpn } from '../../../helpers/locators';
import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';

// Get Sponsors, Add Sponsor and Remove Sponsor: /users/{id}/sponsors, a `$ref` relation written
// through the directory layer, idempotent like group members.
const t = useSandbox();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { governanceOf } = require('../../../sandbox/governance') as { governanceOf: (store: unknown) => { sponsors: Map<string, string[]> } };

const MISSING = '00000000-0000-4000-8000-000000000000';
type User = { id: string; userPrincipalName: string };
const members = (): User[] => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member');
const guests = (): User[] => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Guest');
const sponsorsOf = (id: string) => governanceOf(t.sandbox.store).sponsors.get(id) ?? [];

beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
});

describe.each(['entraIdOAuth2Api', 'entraIdAppOnlyApi'])('User → sponsors with %s', (credentialType) => {
	const offset = credentialType === 'entraIdOAuth2Api' ? 0 : 1;
	test('add (by UPN and ID), add again (unchanged), list, remove, remove again (unchanged)', async () => {
		const guest = guests()[offset];
		const [ada, bob] = members().slice(10 + offset * 2, 12 + offset * 2);
		const run = async (parameters: IDataObject, items: IDataObject[] = [{}]) => {
			const result = await t.run({ credentialType, items, parameters: { resource: 'user', ...parameters } });
			expect(result.error).toBeUndefined();
			return jsonOf(result);
		};

		const added = await run({ operation: 'addSponsor', userId: byUpn(guest.userPrincipalName), sponsorId: byList('={{ $json.sponsor }}') }, [
			{ sponsor: ada.userPrincipalName },
			{ sponsor: bob.id },
		]);
		expect(added).toEqual([
			{ id: guest.id, sponsorId: ada.id, added: true },
			{ id: guest.id, sponsorId: bob.id, added: true },
		]);
		expect(sponsorsOf(guest.id)).toEqual([ada.id, bob.id]);

		expect(await run({ operation: 'addSponsor', userId: byId(guest.id), sponsorId: byId(ada.id) })).toEqual([{ id: guest.id, sponsorId: ada.id, added: true, unchanged: true }]);

		const listed = await run({ operation: 'getSponsors', userId: byId(guest.id) });
		expect(listed.map((sponsor) => sponsor.id)).toEqual([ada.id, bob.id]);
		expect(listed[0]['@odata.type']).toBe('#microsoft.graph.user');

		expect(await run({ operation: 'removeSponsor', userId: byId(guest.id), sponsorId: byId(ada.id) })).toEqual([{ id: guest.id, sponsorId: ada.id, removed: true }]);
		expect(sponsorsOf(guest.id)).toEqual([bob.id]);
		expect(await run({ operation: 'removeSponsor', userId: byId(guest.id), sponsorId: byId(ada.id) })).toEqual([{ id: guest.id, sponsorId: ada.id, removed: true, unchanged: true }]);
	});
});

describe('User → sponsors: failures', () => {
	test('a user that does not exist is an error naming the user, not "unchanged"', async () => {
		const [ada] = members().slice(20, 21);
		for (const operation of ['addSponsor', 'removeSponsor']) {
			const result = await t.run({ continueOnFail: true, parameters: { resource: 'user', operation, userId: byId(MISSING), sponsorId: byId(ada.id) } });
			const [out] = jsonOf(result);
			expect(out.code).toBe('Request_ResourceNotFound');
			expect(String(out.error)).toContain(`user "${MISSING}"`);
		}
	});

	test('an empty user or sponsor is refused before any request', async () => {
		const [ada] = members().slice(20, 21);
		const result = await t.run({ parameters: { resource: 'user', operation: 'addSponsor', userId: byId(ada.id), sponsorId: byId('={{ "" }}') } });
		expect(result.error?.message).toMatch(/empty \[parameter "sponsorId"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
