import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { entraIdCredentials } from './authentication';

/** A variable: the two lint plugins disagree on how an outputs literal should be spelled. */
export const mainConnection = [NodeConnectionTypes.Main];

/** What every node of the package shares: names, version, output and sign-in (the icon stays in each class, for n8n's lint). */
export function nodeBase(displayName: string, name: string, group: 'transform' | 'trigger'): Omit<INodeTypeDescription, 'icon' | 'description' | 'inputs' | 'properties'> {
	return {
		displayName,
		name,
		group: [group],
		version: 1,
		defaults: { name: displayName },
		outputs: mainConnection,
		credentials: entraIdCredentials,
	};
}
