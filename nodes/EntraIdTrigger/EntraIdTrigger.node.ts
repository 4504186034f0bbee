import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { nodeBase } from '../EntraId/descriptions/node';
import { eventSubtitle, properties } from './description';
import { pollChanges } from './helpers/tracker';

export class EntraIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		...nodeBase('Microsoft Entra ID Admin Trigger', 'entraIdTrigger', 'trigger'),
		icon: { light: 'file:../../icons/entraId.svg', dark: 'file:../../icons/entraId.dark.svg' },
		subtitle: eventSubtitle,
		// n8n's node picker shows this description on the one entry it makes for the node and its trigger.
		description: 'Manage Entra ID users, groups and licenses, or start a workflow when they change (community package n8n-nodes-entra-id)',
		polling: true,
		inputs: [],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges(this);
	}
}
