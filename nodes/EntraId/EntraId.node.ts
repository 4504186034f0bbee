import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { resourceProperties } from './actions/node.type';
import { router } from './actions/router';
import { authenticationField } from './descriptions/authentication';
import { mainConnection, nodeBase } from './descriptions/node';
import { searchDeletedItems, searchGroups, searchRoles, searchUsers } from './methods/listSearch';
import { getServicePlans, getSubscribedSkus } from './methods/loadOptions';

export class EntraId implements INodeType {
	description: INodeTypeDescription = {
		...nodeBase('Microsoft Entra ID Admin', 'entraId', 'transform'),
		icon: { light: 'file:../../icons/entraId.svg', dark: 'file:../../icons/entraId.dark.svg' },
		// The operation's and resource's display names ("Get Many: User"), not their stored values;
		// test/nodes/EntraId/subtitle.test.ts checks every operation against its option's name.
		subtitle:
			'={{ (({ addMembers: "Add Member", getAll: "Get Many", getProfile: "Get My Profile" })[$parameter["operation"]] || ($parameter["operation"].charAt(0).toUpperCase() + $parameter["operation"].slice(1).replace(/([A-Z])/g, " $1"))) + ": " + (({ authMethod: "Authentication Method" })[$parameter["resource"]] || ($parameter["resource"].charAt(0).toUpperCase() + $parameter["resource"].slice(1).replace(/([A-Z])/g, " $1"))) }}',
		description: 'Manage users, guests, groups, members, licenses, MFA methods, admin roles, risky users and app credentials in Microsoft Entra ID (community package n8n-nodes-entra-id)',
		usableAsTool: true,
		inputs: mainConnection,
		properties: [authenticationField, ...resourceProperties],
	};

	methods = {
		listSearch: { searchUsers, searchGroups, searchDeletedItems, searchRoles },
		loadOptions: { getServicePlans, getSubscribedSkus },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
