import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { listMethods, toAuthMethod } from '../../directory/authMethods';
import { userPath } from '../../directory/users';
import { readUserRef } from '../../helpers/validation';
import { plannedEach } from '../execution';
import { AUTH_METHOD_HINT } from './fields';

export const properties = [userIdLocator, optionsCollection()];

export const execute = plannedEach(
	function (itemIndex) {
		return { user: readUserRef(this, 'userId', itemIndex) };
	},
	async function (graph, { user }) {
		return await graph.collect(listMethods(userPath(user)), undefined, toAuthMethod);
	},
	AUTH_METHOD_HINT,
);
