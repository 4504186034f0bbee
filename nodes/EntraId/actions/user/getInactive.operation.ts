import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { booleanField, choiceField, daysField } from '../../descriptions/fields';
import { withoutAnnotations } from '../../helpers/output';
import { itemParameter } from '../../helpers/parameters';
import { SIGN_IN_ACTIVITY_PAGE_SIZE } from '../../helpers/query';
import { daysBetween, readChoice, readDays } from '../../helpers/values';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';

export const properties: INodeProperties[] = [
	daysField('Inactive For (Days)', 90, 'Users whose last successful sign-in is older than this many days'),
	...returnAllOrLimit(),
	optionsCollection([
		booleanField('Enabled Only', 'enabledOnly', true, 'Whether to leave out accounts that are already disabled'),
		booleanField('Include Never Signed In', 'includeNeverSignedIn', true, 'Whether to include users with no recorded sign-in (daysInactive is then null; see createdDateTime)'),
		choiceField('User Type', 'userType', 'all', 'Which users to check', [
			['All', 'all', 'Members and guests'],
			['Guest', 'guest', 'Guests only'],
			['Member', 'member', 'Members only'],
		]),
	]),
];

const USER_TYPES = ['all', 'member', 'guest'] as const;
const SELECT = 'id,displayName,userPrincipalName,mail,userType,accountEnabled,createdDateTime,signInActivity';

const HINT = {
	resource: 'the users',
	permission: 'User.Read.All and AuditLog.Read.All (delegated: at least the Reports Reader role), in a tenant with Microsoft Entra ID P1 or P2',
	advice: {
		// Graph's answer when the tenant has no Entra ID P1/P2: "Neither tenant is B2C or tenant doesn't have premium license".
		Authentication_RequestFromNonPremiumTenantOrB2CTenant:
			'Sign-in activity needs a Microsoft Entra ID P1 or P2 licence in the tenant, and this tenant has none. Get Inactive cannot work here without one.',
	},
};

/**
 * Users whose last successful sign-in is older than `days`. Graph returns signInActivity only when
 * it is selected, in pages of at most 500, and not at all for users who never signed in. A
 * $filter on signInActivity cannot be combined with other properties and would drop those who
 * never signed in, so the node filters on userType and accountEnabled (which Graph allows beside
 * the $select) and compares the dates itself: one pass over the users, 500 a request.
 */
export const execute = perItem(async function (graph, itemIndex) {
	const days = readDays(this, itemIndex, 90);
	const limit = readLimit(this, itemIndex);
	const userType = readChoice(this, 'options.userType', itemIndex, USER_TYPES, 'all') ?? 'all';
	const enabledOnly = itemParameter(this, 'options.enabledOnly', itemIndex, true) !== false;
	const includeNever = itemParameter(this, 'options.includeNeverSignedIn', itemIndex, true) !== false;

	const filters: string[] = [];
	if (enabledOnly) filters.push('accountEnabled eq true');
	if (userType !== 'all') filters.push(`userType eq '${userType === 'guest' ? 'Guest' : 'Member'}'`);
	const qs: IDataObject = { $select: SELECT, $top: SIGN_IN_ACTIVITY_PAGE_SIZE };
	if (filters.length) qs.$filter = filters.join(' and ');

	const now = Date.now();
	const inactive: IDataObject[] = [];
	for await (const page of graph.pages({ method: 'GET', url: '/users', qs })) {
		for (const user of page) {
			const entry = inactiveEntry(user, now, days, includeNever);
			if (!entry) continue;
			inactive.push(entry);
			if (limit !== undefined && inactive.length >= limit) return inactive;
		}
	}
	return inactive;
}, HINT);

/**
 * The user with its sign-in dates and days inactive, or undefined when active. Graph keeps
 * lastSuccessfulSignInDateTime only since December 2023: without it, the last sign-in attempt counts.
 */
function inactiveEntry(user: IDataObject, now: number, days: number, includeNever: boolean): IDataObject | undefined {
	const { signInActivity, ...rest } = withoutAnnotations(user);
	const activity = (signInActivity ?? {}) as IDataObject;
	const lastSignInDateTime = (activity.lastSignInDateTime as string | undefined) ?? null;
	const lastSuccessfulSignInDateTime = (activity.lastSuccessfulSignInDateTime as string | undefined) ?? null;
	const last = Date.parse(lastSuccessfulSignInDateTime ?? lastSignInDateTime ?? '');
	const daysInactive = Number.isNaN(last) ? null : daysBetween(last, now);
	if (daysInactive === null ? !includeNever : daysInactive < days) return undefined;
	return { ...rest, lastSignInDateTime, lastSuccessfulSignInDateTime, daysInactive };
}
