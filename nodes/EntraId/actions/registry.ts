import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Operation } from './execution';

/** An entry of a selector: a resource, or an operation (which also has its action text). */
export interface SelectorOption<Name extends string> {
	name: string;
	value: Name;
	description: string;
	action?: string;
}

/** Compiles only when a selector lists every name: otherwise it asks for an argument naming the missing ones. */
type EveryNameListed<Name extends string, Listed extends string> = [Exclude<Name, Listed>] extends [never]
	? []
	: [missingFromSelector: Exclude<Name, Listed>];

/**
 * A resource's fields: its Operation selector, then each operation's own fields, shown for that
 * operation only. The compiler holds the selector and the operations together: a value with no
 * operation behind it, or an operation the selector leaves out, fails the build.
 */
export function resourceDescription<Name extends string, Listed extends Name>(
	resource: string,
	operations: Record<Name, Operation>,
	defaultOperation: NoInfer<Listed>,
	options: Array<SelectorOption<Listed> & { action: string }>,
	..._everyListed: EveryNameListed<Name, Listed>
): INodeProperties[] {
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
	const fields = Object.entries<Operation>(operations).flatMap(([operation, { properties }]) =>
		updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties),
	);
	return [selector, ...fields];
}

/** The Resource selector, checked against the registered resources like an Operation selector. */
export function resourceField<Name extends string, Listed extends Name>(
	resources: Record<Name, unknown>,
	defaultResource: NoInfer<Listed>,
	options: Array<SelectorOption<Listed>>,
	..._everyListed: EveryNameListed<Name, Listed>
): INodeProperties {
	return { displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options, default: defaultResource };
}
