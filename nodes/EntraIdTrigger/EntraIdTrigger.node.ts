import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { entraIdCredentials } from '../EntraId/descriptions/authentication';
import { eventSubtitle, properties } from './description';
import { pollChanges } from './helpers/tracker';

// A variable: the two lint plugins disagree on how an outputs literal should be spelled.
const mainConnection = [NodeConnectionTypes.Main];

export class EntraIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Entra ID Admin Trigger',
		name: 'entraIdTrigger',
		icon: { light: 'file:../../icons/entraId.svg', dark: 'file:../../icons/entraId.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle,
		// n8n's node picker shows this description on the one entry it makes for the node and its trigger.
		description: 'Manage Entra ID users, groups and licenses, or start a workflow when they change (community package n8n-nodes-entra-id)',
		defaults: { name: 'Microsoft Entra ID Admin Trigger' },
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
