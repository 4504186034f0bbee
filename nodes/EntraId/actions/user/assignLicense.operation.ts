import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { skuIdField } from '../../descriptions/license';
import { withoutAnnotations } from '../../helpers/output';
import { parseList, readUserRef, requireGuid } from '../../helpers/validation';
import { userPath } from '../../directory/users';
import type { GraphError } from '../../transport/errors';
import { planned } from '../execution';
import { itemParameter } from '../../helpers/parameters';

/** Graph's one code for this case is Request_BadRequest: "License assignment cannot be done for user with invalid usage location." */
const isUsageLocationMissing = (error: GraphError) =>
	error.code === 'Request_BadRequest' && /usage location/i.test(error.graphMessage);

export const properties: INodeProperties[] = [
	userIdLocator,
	{ ...skuIdField, hint: 'Graph assigns a license only to a user with a Usage Location (a two-letter country code)' },
	{
		displayName: 'Disabled Plan Names or IDs',
		name: 'disabledPlans',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getServicePlans', loadOptionsDependsOn: ['skuId'] },
		default: [],
		description:
			'Service plans of the license to leave off, for example Yammer; by expression a list or comma-separated text of servicePlanId GUIDs. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const node = this.getNode();
	const user = readUserRef(this, 'userId', itemIndex);
	const skuId = requireGuid({ node, parameter: 'skuId', itemIndex }, itemParameter(this, 'skuId', itemIndex), 'SKU ID');
	const plansRef = { node, parameter: 'disabledPlans', itemIndex };
	const plans = parseList(plansRef, itemParameter(this, 'disabledPlans', itemIndex, []));
	const disabledPlans = [...new Set(plans.map((plan) => requireGuid(plansRef, plan, 'service plan ID')))];
	return {
		call: {
			method: 'POST',
			url: `${userPath(user)}/assignLicense`,
			body: { addLicenses: [{ disabledPlans, skuId }], removeLicenses: [] },
			// Assigning the same SKU again only sets its disabled plans, so a resend after a dropped connection is safe.
			idempotent: true,
			// A user created moments ago (joiner flows) may not have replicated yet.
			retryNotFound: true,
		},
		// Graph answers with the updated user.
		output: ({ body }) => withoutAnnotations(body),
		recover: (error) => {
			if (isUsageLocationMissing(error)) {
				error.advice = `Set the user's usageLocation (two-letter country code) before assigning a license (user "${user.value}").`;
			}
			return undefined;
		},
		hint: { resource: `user "${user.value}"`, permission: 'LicenseAssignment.ReadWrite.All' },
	};
});
