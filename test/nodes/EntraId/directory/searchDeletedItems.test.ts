import type { IDataObject, INode, INodeListSearchResult, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { PACKAGE_NAME } from '../../../runner/engine';
import { useSandbox } from '../../../helpers/setup';

const t = useSandbox();

/** Calls the Deleted Item picker the way n8n's editor does: n8n-core's LoadOptionsContext and the stored credential. */
async function pick(filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'entra',
		name: 'Entra ID',
		type: `${PACKAGE_NAME}.entraId`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: 'oAuth2', resource: 'directory', operation: 'restoreDeletedItem' },
		credentials: { entraIdOAuth2Api: { id: '1', name: 'Entra ID test' } },
	};
	const types = t.runner.types;
	const workflow = new Workflow({ id: 'picker', nodes: [node], connections: {}, active: false, nodeTypes: types });
	const additionalData = {
		credentialsHelper: t.runner.credentials,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		userId: 'test-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'deletedItemId');
	const search = types.getByNameAndVersion(node.type, 1).methods?.listSearch?.searchDeletedItems;
	if (!search) throw new Error('searchDeletedItems is not registered on the node');
	return await search.call(context, filter, paginationToken);
}

describe('Directory → Restore Deleted Item: the deleted-items picker', () => {
	test('lists deleted users and groups, labelled with type and deletion date', async () => {
		const user = t.sandbox.store.listUsers().find((u: IDataObject) => u.department === 'Research');
		t.sandbox.store.deleteUser(user.id);
		const [group] = t.sandbox.store.deletedItems('group');
		const { results, paginationToken } = await pick();
		expect(results).toEqual(
			expect.arrayContaining([
				{ name: expect.stringMatching(new RegExp(`^${user.displayName} \\(user, deleted \\d{4}-\\d{2}-\\d{2}\\)$`)), value: user.id },
				{ name: expect.stringMatching(/^Old Project Nimbus \(group, deleted /), value: group.id },
			]),
		);
		expect(paginationToken).toBeUndefined();
		expect(t.requests().map((entry) => entry.path).sort()).toEqual([
			'/v1.0/directory/deletedItems/microsoft.graph.group',
			'/v1.0/directory/deletedItems/microsoft.graph.user',
		]);
	});

	test('the filter text is a startsWith on the display name, quotes escaped', async () => {
		const { results } = await pick("Old Project");
		expect(results.map((result) => result.name)).toEqual([expect.stringMatching(/^Old Project Nimbus \(group/)]);
		expect(t.requests()[0].query.$filter).toBe("startsWith(displayName,'Old Project')");
		await pick("O'Brien");
		expect(t.requests().at(-1)?.query.$filter).toBe("startsWith(displayName,'O''Brien')");
	});

	test('more than a page: the token carries on with the type that has more', async () => {
		for (let index = 0; index < 150; index++) {
			const user = t.sandbox.store.createUser(
				{ displayName: `Picker ${index}`, userPrincipalName: `picker${index}@${t.sandbox.tenantDomain}`, mailNickname: `picker${index}` },
				{ seed: true },
			);
			t.sandbox.store.deleteUser(user.id);
		}
		const first = await pick('Picker');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		t.sandbox.clearLog();
		const second = await pick('Picker', first.paginationToken as string);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((result) => result.value)).size).toBe(150);
		expect(t.requests().map((entry) => entry.path)).toEqual(['/v1.0/directory/deletedItems/microsoft.graph.user']);
	});
});
