import { useSandbox } from '../helpers/setup';

// Custom Properties may not set the properties other operations own, whatever their case (Graph
// reads property names without regard to case), and inherited names such as "constructor" are
// plain names, refused with a clear message. Each is refused before any request.
const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('User → Update, Custom Properties', () => {
	test.each([
		['{ "PasswordProfile": { "password": "Leaked#2025-x" } }', /may not set "PasswordProfile".*Reset Password/],
		['{ "PASSWORDPROFILE": { "password": "Leaked#2025-x" } }', /may not set "PASSWORDPROFILE"/],
		['{ "ID": "00000000-0000-4000-8000-000000000000" }', /may not set "ID".*set by Entra ID/],
		['{ "Id": "00000000-0000-4000-8000-000000000000" }', /may not set "Id"/],
		['{ "__proto__": { "accountEnabled": false } }', /"__proto__" is not a user property name/],
		['{ "bad name": "x" }', /"bad name" is not a user property name/],
		['{ "Department": "Legal" }', /Custom Properties sets "Department", which a field above sets too/],
	])('%s is refused before any request, naming the parameter', async (customProperties, message) => {
		const [user] = t.sandbox.store.listUsers() as Array<{ id: string }>;
		const result = await t.run({ parameters: { resource: 'user', operation: 'update', userId: byId(user.id), updateFields: { department: 'Sales', customProperties } } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[parameter "updateFields.customProperties"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test.each(['constructor', 'toString', 'hasOwnProperty'])('"%s" is a plain name, not an inherited one: sent to Graph as given', async (name) => {
		const [user] = t.sandbox.store.listUsers() as Array<{ id: string }>;
		const result = await t.run({ parameters: { resource: 'user', operation: 'update', userId: byId(user.id), updateFields: { customProperties: `{ "${name}": "x" }` } } });
		expect(result.error?.name).not.toBe('NodeOperationError');
		const patches = t.requests().filter((entry) => entry.method === 'PATCH');
		expect(patches).toHaveLength(1);
	});

	test('an ordinary property is sent as given', async () => {
		const [user] = t.sandbox.store.listUsers() as Array<{ id: string }>;
		const result = await t.run({ parameters: { resource: 'user', operation: 'update', userId: byId(user.id), updateFields: { customProperties: '{ "employeeType": "Contractor" }' } } });
		expect(result.error).toBeUndefined();
		expect(t.sandbox.store.getUser(user.id).employeeType).toBe('Contractor');
	});
});
