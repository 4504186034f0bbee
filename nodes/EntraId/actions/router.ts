import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GraphClient } from '../transport/client';
import type { TransportOptions } from '../transport/types';
import type { EntraIdResource } from './node.type';
import type { ItemResult, OperationExecutor } from './execution';
import { asNodeError } from './execution';
import * as directory from './directory';
import * as group from './group';
import * as user from './user';

const resources: Record<EntraIdResource, Record<string, unknown>> = {
	user,
	group,
	directory,
};

function operationFor(ctx: IExecuteFunctions, resource: string, operation: string): OperationExecutor {
	const module = resources[resource as EntraIdResource]?.[operation] as { execute?: OperationExecutor } | undefined;
	if (!module?.execute) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known for the resource "${resource}"`);
	}
	return module.execute;
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
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operationFor(this, resource, operation);
	const authentication = this.getNodeParameter('authentication', 0, 'oAuth2') as string;

	let graph: GraphClient;
	try {
		graph = await GraphClient.create(this, authentication, transportOptions(this));
	} catch (error) {
		throw withoutSecrets(asNodeError(this, error, 0));
	}

	const startedAt = Date.now();
	const what = `${resource} → ${operation}`;
	graph.progress.start(items.length, what);
	let results: ItemResult[];
	try {
		results = await execute.call(this, graph, items.map((_, index) => index));
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

