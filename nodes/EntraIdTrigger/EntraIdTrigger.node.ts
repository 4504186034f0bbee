import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { entraIdCredentials } from '../EntraId/descriptions/authentication';
import { properties } from './description';
import { pollChanges } from './helpers/tracker';

// A variable: the two lint plugins disagree on how an outputs literal should be spelled.
const mainConnection = [NodeConnectionTypes.Main];

export class EntraIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Entra ID Trigger',
		name: 'entraIdTrigger',
		icon: { light: 'file:../../icons/entraId.svg', dark: 'file:../../icons/entraId.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["event"] || []).join(", ") }}',
		description: 'Starts the workflow when Microsoft Entra ID users, groups or group memberships change',
		defaults: { name: 'Microsoft Entra ID Trigger' },
		polling: true,
		inputs: [],
		outputs: mainConnection,
		credentials: entraIdCredentials,
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges(this);
	}
}
