import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { USER_SPONSORS } from '../../directory/relations';
import { userPath } from '../../directory/users';
import { directoryObject } from '../../helpers/output';
import { readUserRef } from '../../helpers/validation';
import { perItem } from '../execution';

export const properties = [userIdLocator, optionsCollection()];

/** The user's sponsors, one item each; `@odata.type` tells a user from a group. None gives no items. */
export const execute = perItem(
	async function (graph, itemIndex) {
		const user = readUserRef(this, 'userId', itemIndex);
		return await graph.collect({ method: 'GET', url: `${userPath(user)}/${USER_SPONSORS.property}` }, undefined, directoryObject);
	},
	{ resource: 'the user', permission: 'User.Read.All' },
);
