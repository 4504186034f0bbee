import type { IDataObject, INode, INodeListSearchResult, INodePropertyOptions, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import type { WorkflowRunner } from './engine';
import { PACKAGE_NAME } from './engine';

/** The editor's context for the Entra ID node: n8n-core's LoadOptionsContext, the node's current parameters, the runner's credentials. */
function editorContext(runner: WorkflowRunner, parameters: IDataObject, credentialType: string) {
	const node: INode = {
		id: 'entra',
		name: 'Entra ID',
		type: `${PACKAGE_NAME}.entraId`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: credentialType === 'entraIdAppOnlyApi' ? 'appOnly' : 'oAuth2', ...parameters },
		credentials: { [credentialType]: { id: '1', name: 'Entra ID test' } },
	};
	// The editor sends the parameters as shown; Workflow drops those the display options hide, so copy first.
	const currentNodeParameters = { ...node.parameters };
	const workflow = new Workflow({ id: 'test', name: 'test', nodes: [node], connections: {}, active: false, nodeTypes: runner.types });
	const additionalData = {
		credentialsHelper: runner.credentials,
		currentNodeParameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		userId: 'test-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return { context, methods: runner.types.getByNameAndVersion(node.type, 1).methods };
}

/** Calls a loadOptions method of the Entra ID node as the editor does when a picker opens. */
export async function loadOptions(
	runner: WorkflowRunner,
	method: string,
	parameters: IDataObject = {},
	credentialType = 'entraIdOAuth2Api',
): Promise<INodePropertyOptions[]> {
	const { context, methods } = editorContext(runner, parameters, credentialType);
	const load = methods?.loadOptions?.[method];
	if (!load) throw new Error(`The node has no loadOptions method ${method}`);
	return await load.call(context);
}

/**
 * Calls a listSearch method of the Entra ID node as the editor does when a resource locator's
 * list opens, is searched, or scrolls to its next page (`paginationToken`).
 */
export async function listSearch(
	runner: WorkflowRunner,
	method: string,
	filter?: string,
	paginationToken?: string,
	parameters: IDataObject = {},
	credentialType = 'entraIdOAuth2Api',
): Promise<INodeListSearchResult> {
	const { context, methods } = editorContext(runner, parameters, credentialType);
	const search = methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no listSearch method ${method}`);
	return await search.call(context, filter, paginationToken);
}
