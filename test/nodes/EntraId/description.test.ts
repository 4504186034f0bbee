import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { disposeEngine, PACKAGE_ROOT, TestTypes } from '../../runner/engine';

// What the editor shows: the node as n8n-core's loader reads it from dist/, codex included.
let description: INodeTypeDescription & { codex?: { categories?: string[]; alias?: string[]; resources?: Record<string, Array<{ url: string }>> } };

beforeAll(async () => {
	const types = await TestTypes.load();
	description = types.getByNameAndVersion('n8n-nodes-entra-id.entraId', 1).description;
});
afterAll(() => disposeEngine());

const collator = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const isSorted = (names: string[]) => names.every((name, index) => index === 0 || collator(names[index - 1], name) <= 0);

/** Every property with its path, collections and fixed collections walked into. */
function allProperties(properties: INodeProperties[], where = ''): Array<{ path: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const here = `${where}/${property.name}`;
		const nested =
			property.type === 'collection'
				? allProperties(property.options as INodeProperties[], here)
				: property.type === 'fixedCollection'
					? (property.options as INodePropertyCollection[]).flatMap((group) => allProperties(group.values, `${here}/${group.name}`))
					: [];
		return [{ path: here, property }, ...nested];
	});
}

/** The fields shown for an operation (top-level, by displayOptions.show.operation). */
const fieldsOf = (operation: string, resource: string) =>
	description.properties.filter(
		(property) => property.displayOptions?.show?.operation?.includes(operation) && property.displayOptions?.show?.resource?.includes(resource),
	);
const fieldOf = (operation: string, resource: string, name: string, inside?: string): INodeProperties => {
	const fields = fieldsOf(operation, resource);
	const holder = inside ? (fields.find((field) => field.name === inside)?.options as INodeProperties[]) : fields;
	const field = holder?.find((candidate) => candidate.name === name);
	if (!field) throw new Error(`no field ${inside ? `${inside}.` : ''}${name} on ${resource}.${operation}`);
	return field;
};

describe('Entra ID node description, as the editor and AI agents read it', () => {
	test('every option list is sorted by name, and every option says what it does', () => {
		const unsorted: string[] = [];
		const undescribed: string[] = [];
		for (const { path: where, property } of allProperties(description.properties)) {
			if (property.type !== 'options' && property.type !== 'multiOptions') continue;
			if (!Array.isArray(property.options)) continue;
			const options = property.options as INodePropertyOptions[];
			if (!isSorted(options.map((option) => option.name))) unsorted.push(where);
			for (const option of options) if (!option.description?.trim()) undescribed.push(`${where}=${String(option.value)}`);
		}
		expect(unsorted).toEqual([]);
		expect(undescribed).toEqual([]);
	});

	test('every collection (Options, Additional Fields, Update Fields) lists its fields sorted by name', () => {
		const unsorted = allProperties(description.properties)
			.filter(({ property }) => property.type === 'collection')
			.filter(({ property }) => !isSorted((property.options as INodeProperties[]).map((option) => option.displayName)))
			.map(({ path: where, property }) => `${where} [${property.displayOptions?.show?.resource}.${property.displayOptions?.show?.operation}]`);
		expect(unsorted).toEqual([]);
	});

	test('every operation has an action label in sentence case and a description', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		expect(operations.map((property) => property.displayOptions?.show?.resource?.[0]).sort()).toEqual(['application', 'authMethod', 'directory', 'group', 'riskyUser', 'role', 'user']);
		const problems = operations.flatMap((property) =>
			(property.options as INodePropertyOptions[])
				.filter((option) => !option.action || !/^[A-Z][a-z]+( [a-z0-9'-]+| Microsoft| Graph| ID)*$/.test(option.action) || !option.description)
				.map((option) => `${String(option.value)}: ${option.action}`),
		);
		expect(problems).toEqual([]);
	});

	test('every field the user fills in has a description', () => {
		const missing = allProperties(description.properties)
			.filter(({ property }) => !['collection', 'fixedCollection', 'notice', 'hidden'].includes(property.type))
			.filter(({ property }) => !['resource', 'operation', 'authentication'].includes(property.name))
			.filter(({ property }) => !property.description?.trim())
			.map(({ path: where }) => where);
		expect(missing).toEqual([]);
	});

	test("fields whose Graph rules are not obvious carry a hint: verified UPN domain, mailNickname characters, password policy, usage location", () => {
		const verifiedDomain = /verified domain/;
		const nicknameCharacters = /64 ASCII characters.*@ \( \) \\ \[ \] " ; : < > ,/;
		const passwordPolicy = /8-256 characters.*three of lowercase, uppercase, digits and symbols/;
		expect(fieldOf('create', 'user', 'userPrincipalName').hint).toMatch(verifiedDomain);
		expect(fieldOf('update', 'user', 'userPrincipalName', 'updateFields').hint).toMatch(verifiedDomain);
		expect(fieldOf('create', 'user', 'mailNickname').hint).toMatch(nicknameCharacters);
		expect(fieldOf('update', 'user', 'mailNickname', 'updateFields').hint).toMatch(nicknameCharacters);
		expect(fieldOf('create', 'group', 'mailNickname').hint).toMatch(nicknameCharacters);
		expect(fieldOf('update', 'group', 'mailNickname', 'updateFields').hint).toMatch(nicknameCharacters);
		expect(fieldOf('create', 'user', 'password').hint).toMatch(passwordPolicy);
		expect(fieldOf('resetPassword', 'user', 'password').hint).toMatch(passwordPolicy);
		expect(fieldOf('assignLicense', 'user', 'skuId').hint).toMatch(/Usage Location/);
	});

	test('usable as an AI tool, with a subtitle and distinct light and dark icons that exist in dist/', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBeTruthy();
		// n8n-core's loader turns the node's file: icons into URLs the editor fetches: icons/<package>/<path>.
		const icon = description.iconUrl as { light: string; dark: string };
		expect(icon.light).not.toBe(icon.dark);
		const file = (url: string) => readFileSync(path.join(PACKAGE_ROOT, url.replace(/^icons\/n8n-nodes-entra-id\//, '')), 'utf8');
		const [light, dark] = [file(icon.light), file(icon.dark)];
		expect(light).toMatch(/^<svg /);
		expect(dark).toMatch(/^<svg /);
		expect(light).not.toBe(dark);
	});

	test("the codex names n8n's own Entra node categories, the old product names as aliases, and README sections as documentation", () => {
		const codex = description.codex;
		expect(codex?.categories).toEqual(['Development', 'Developer Tools']);
		expect(codex?.alias).toEqual(expect.arrayContaining(['Azure AD', 'AAD', 'Entra', 'Active Directory', 'Azure Active Directory']));
		expect(codex?.resources?.primaryDocumentation?.[0].url).toMatch(/github\.com\/.+#operations$/);
		expect(codex?.resources?.credentialDocumentation?.[0].url).toMatch(/github\.com\/.+#credentials$/);
	});
});
