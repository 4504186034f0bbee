import { readFields } from '../../descriptions/common';
import { SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { invalid } from '../../helpers/validation';
import { planned } from '../execution';
import { readObject } from '../reads';

export const properties = readFields('users');

export const execute = planned(function (itemIndex, graph) {
	// /me means the signed-in user: an app-only token has none, so refuse before any request.
	if (graph.isAppOnly) {
		throw invalid(
			{ node: this.getNode(), parameter: 'authentication', itemIndex },
			'Get My Profile needs the delegated credential: with app-only authentication there is no signed-in user',
			"Use the Get operation (user.get) with the user's ID or user principal name instead.",
		);
	}
	return readObject(this, itemIndex, '/me', SIMPLIFIED_USER_FIELDS, { resource: 'the signed-in user', permission: 'User.Read' });
});
