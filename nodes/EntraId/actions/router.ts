import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GraphClient } from '../transport/client';
import type { TransportOptions } from '../transport/types';
import type { ItemResult, Operation } from './execution';
import { asNodeError } from './execution';
import type { EntraIdResource } from './node.type';
import { resources } from './node.type';

const isResource = (name: unknown): name is EntraIdResource => typeof name === 'string' && Object.hasOwn(resources, name);

/** The operation stored in the workflow, looked up in the typed registry (node.type.ts). */
function operationFor(ctx: IExecuteFunctions, resource: unknown, operation: unknown): Operation {
	const operations: Readonly<Record<string, Operation>> | undefined = isResource(resource) ? resources[resource] : undefined;
	const found = operations && typeof operation === 'string' && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!found) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${String(operation)}" is not known for the resource "${String(resource)}"`);
	}
	return found;
}

/** Transport options are read once per run, from the first item. */
function transportOptions(ctx: IExecuteFunctions): Partial<TransportOptions> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
	const timeout = number(options.timeout);
	return {
		batching: typeof options.batching === 'boolean' ? options.batching : undefined,
		concurrency: number(options.concurrency),
		workerConcurrency: number(options.workerConcurrency),
		timeout: timeout === undefined ? undefined : timeout * 1000,
	};
}

/** The item loop: dispatch, pairedItem on every output, continueOnFail, and the item index on errors. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const { execute } = operationFor(this, resource, operation);
	const authentication = String(this.getNodeParameter('authentication', 0, 'oAuth2'));

	let graph: GraphClient;
	try {
		graph = await GraphClient.create(this, authentication, transportOptions(this));
	} catch (error) {
		throw withoutSecrets(asNodeError(this, error, 0));
	}

	const startedAt = Date.now();
	const what = `${String(resource)} → ${String(operation)}`;
	graph.progress.start(items.length, what);
	let results: ItemResult[];
	try {
		results = await execute.call(this, graph, items.length);
	} catch (error) {
		throw withoutSecrets(error);
	}
	graph.progress.finish(items.length, what, startedAt);
	const output: INodeExecutionData[] = [];
	results.forEach((result, itemIndex) => {
		if ('error' in result) {
			if (!this.continueOnFail()) throw withoutSecrets(result.error);
			output.push({ json: errorItem(result.error), pairedItem: { item: itemIndex } });
			return;
		}
		for (const json of result.items) output.push({ json, pairedItem: { item: itemIndex } });
	});
	return [output];
}

/** Node parameters that hold a secret: the new password of user.create and user.resetPassword. */
const SECRET_PARAMETERS = ['password'];

/**
 * An error carries a copy of the node, parameters included, and n8n logs it (the engine's
 * "finished with error" line) and stores it with the execution: a new user's password must not
 * travel with it.
 */
function withoutSecrets<T>(error: T): T {
	const node = (error as { node?: INode } | undefined)?.node;
	for (const name of SECRET_PARAMETERS) {
		if (node?.parameters && name in node.parameters) node.parameters[name] = '[hidden]';
	}
	return error;
}

/** The output of a failed item under continueOnFail: `{ error, code?, requestId? }`. */
function errorItem(error: Error & { context?: IDataObject; description?: string | null }): IDataObject {
	const json: IDataObject = { error: error.message };
	const code = error.context?.graphCode;
	const requestId = error.context?.requestId;
	if (code) json.code = code;
	if (requestId) json.requestId = requestId;
	if (error.description) json.details = error.description;
	return json;
}

