import { optionsCollection } from '../../descriptions/common';
import { userIdLocator, userLocator } from '../../descriptions/locators';
import { addReference, USER_MANAGER } from '../../directory/relations';
import type { UserRef } from '../../directory/users';
import { invalid, readUserRef } from '../../helpers/validation';
import { planned } from '../execution';

export const properties = [
	userIdLocator,
	userLocator({
		name: 'managerId',
		displayName: 'Manager',
		description: 'The user who becomes the manager, picked from the list, by object ID, or by user principal name (UPN)',
	}),
	optionsCollection(),
];

const sameUser = (a: UserRef, b: UserRef) => a.kind === b.kind && a.value.toLowerCase() === b.value.toLowerCase();

export const execute = planned(function (itemIndex, graph) {
	const user = readUserRef(this, 'userId', itemIndex);
	const manager = readUserRef(this, 'managerId', itemIndex);
	if (sameUser(user, manager)) {
		throw invalid({ node: this.getNode(), parameter: 'managerId', itemIndex }, 'A user cannot be their own manager', 'Pick a different user as the manager.');
	}
	let managerId = manager.value;
	return {
		// Graph needs the manager's object ID in @odata.id, so a UPN is resolved first; the user's UPN can stay in the path.
		refs: [manager],
		call: ([id]) => {
			managerId = id;
			return addReference(graph, USER_MANAGER, user.value, id);
		},
		retryNotFound: true,
		output: () => ({ id: user.value, managerId, managerSet: true }),
		recover: (error) => {
			if (user.kind === 'id' && user.value === managerId) error.advice = 'A user cannot be their own manager: the manager given resolves to the same user.';
			return undefined;
		},
		hint: { resource: `user "${user.value}" or manager "${manager.value}"`, permission: 'User.ReadWrite.All' },
	};
});
