import { useSandbox } from '../../../helpers/setup';
import { listSearch } from '../../../runner/load-options';

// The Role picker of Role → Assign / Remove: role definitions by name.
const t = useSandbox();
const pick = async (filter?: string) => await listSearch(t.runner, 'searchRoles', filter, undefined, { resource: 'role', operation: 'assign' });

describe('Role picker (searchRoles)', () => {
	test('lists every role by name, sorted, with its definition ID as the value', async () => {
		const { results } = await pick();
		const names = results.map((result) => result.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(results).toContainEqual({ name: 'User Administrator', value: 'fe930be7-5e62-47db-91af-98c3a49a38b1' });
		expect(t.requests()[0].path).toBe('/v1.0/roleManagement/directory/roleDefinitions');
	});

	test('the filter matches any part of the name, in any case', async () => {
		const { results } = await pick('ADMINISTRATOR');
		expect(results.length).toBeGreaterThan(3);
		expect(results.every((result) => /administrator/i.test(result.name))).toBe(true);
		expect(results.map((result) => result.name)).not.toContain('Global Reader');
	});
});
