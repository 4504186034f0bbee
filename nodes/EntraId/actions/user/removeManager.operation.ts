import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { transportOptions } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef, userPath } from '../../helpers/validation';
import { isNoManager } from '../../transport/errors';
import { planned } from '../execution';

const properties: INodeProperties[] = [
	userIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...transportOptions],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['removeManager'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return {
		call: { method: 'DELETE', url: `${userPath(user)}/manager/$ref` },
		output: () => ({ id: user.value, managerRemoved: true }),
		recover: (error) => {
			if (isNoManager(error)) error.advice = `User "${user.value}" has no manager to remove.`;
			return undefined;
		},
		hint: { resource: `user "${user.value}"`, permission: 'User.ReadWrite.All' },
	};
});
