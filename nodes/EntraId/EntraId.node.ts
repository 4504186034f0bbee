import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as directory from './actions/directory';
import * as group from './actions/group';
import * as user from './actions/user';
import { router } from './actions/router';
import { authenticationField, entraIdCredentials } from './descriptions/authentication';
import { searchDeletedItems, searchGroups, searchUsers } from './methods/listSearch';
import { getServicePlans, getSubscribedSkus } from './methods/loadOptions';

const mainConnection = [NodeConnectionTypes.Main];

/** The canvas subtitle: each operation's action ("Get many users"), not its stored values ("getAll: user"). */
function actionSubtitle(resources: Record<string, INodeProperties[]>): string {
	const actions: Record<string, string> = {};
	for (const [resource, properties] of Object.entries(resources)) {
		const operation = properties.find((property) => property.name === 'operation');
		for (const option of operation?.options ?? []) {
			if ('action' in option && option.action) actions[`${resource}:${String(option.value)}`] = option.action;
		}
	}
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

export class EntraId implements INodeType {
	// eslint-disable-next-line n8n-nodes-base/node-class-description-missing-subtitle -- the subtitle is built from the actions
	description: INodeTypeDescription = {
		displayName: 'Microsoft Entra ID Admin',
		name: 'entraId',
		icon: { light: 'file:../../icons/entraId.svg', dark: 'file:../../icons/entraId.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: actionSubtitle({ user: user.description, group: group.description, directory: directory.description }),
		description: 'Manage users, groups, members and licenses in Microsoft Entra ID (community package n8n-nodes-entra-id)',
		defaults: { name: 'Microsoft Entra ID Admin' },
		usableAsTool: true,
		inputs: mainConnection,
		outputs: mainConnection,
		credentials: entraIdCredentials,
		properties: [
				authenticationField,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Directory', value: 'directory', description: 'Deleted items and license subscriptions' },
					{ name: 'Group', value: 'group', description: 'Security and Microsoft 365 groups, members and owners' },
					{ name: 'User', value: 'user', description: 'User accounts, managers, passwords and licenses' },
				],
				default: 'user',
			},
			...user.description,
			...group.description,
			...directory.description,
		],
	};

	methods = {
		listSearch: { searchUsers, searchGroups, searchDeletedItems },
		loadOptions: { getServicePlans, getSubscribedSkus },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
