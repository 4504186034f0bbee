import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { updateUserFields } from '../../descriptions/userFields';
import { userProperties } from '../../helpers/userProperties';
import { invalid, readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';
import { itemParameter } from '../../helpers/parameters';

export const properties: INodeProperties[] = [
	userIdLocator,
	fieldsCollection(
		'updateFields',
		updateUserFields,
		'The properties to change; others keep their values. An empty field is refused; to clear a property, set it to the expression {{ null }}. Passwords are changed with Reset Password.',
	),
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const node = this.getNode();
	const user = readUserRef(this, 'userId', itemIndex);
	const fields = itemParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
	const body = userProperties({ node, itemIndex, parameter: 'updateFields' }, fields, 'update');
	if (Object.keys(body).length === 0) {
		throw invalid({ node, parameter: 'updateFields', itemIndex }, 'Empty update payload: no field to change was given', 'Add at least one field under Update Fields.');
	}
	return userChange(user, {
		call: (id) => ({ method: 'PATCH', url: `/users/${id}`, body }),
		output: (id) => ({ id, updated: true }),
		hint: userHint(user, 'User.ReadWrite.All'),
	});
});
