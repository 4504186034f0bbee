import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { skuIdField } from '../../descriptions/license';
import { withoutAnnotations } from '../../helpers/output';
import { userPath } from '../../directory/users';
import { readUserRef, requireGuid } from '../../helpers/validation';
import { planned } from '../execution';
import { itemParameter } from '../../helpers/parameters';

export const properties: INodeProperties[] = [
	userIdLocator,
	skuIdField,
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	const skuId = requireGuid({ node: this.getNode(), parameter: 'skuId', itemIndex }, itemParameter(this, 'skuId', itemIndex), 'SKU ID');
	return {
		call: {
			method: 'POST',
			url: `${userPath(user)}/assignLicense`,
			body: { addLicenses: [], removeLicenses: [skuId] },
		},
		// Graph answers with the updated user.
		output: ({ body }) => withoutAnnotations(body),
		hint: { resource: `user "${user.value}"`, permission: 'LicenseAssignment.ReadWrite.All' },
	};
});
