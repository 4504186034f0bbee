import type { IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseList, requireGuid } from '../../EntraId/helpers/validation';

export const EVENTS = [
	'userCreated',
	'userUpdated',
	'userDeleted',
	'groupCreated',
	'groupUpdated',
	'groupDeleted',
	'memberAdded',
	'memberRemoved',
] as const;

export type EventName = (typeof EVENTS)[number];
export type ObjectType = 'user' | 'group';

export interface Settings {
	authentication: string;
	events: Set<EventName>;
	/** User properties whose change fires userUpdated; empty means any tracked property. */
	watched: string[];
	/** Groups whose member events are wanted; null means every group. */
	groupIds: Set<string> | null;
}

/**
 * What the users stream selects. Delta tracks only selected properties, so these are the ones
 * joiner/mover/leaver work reads; watched properties are added. The employee lifecycle dates stay
 * out unless watched: reading them needs User-LifeCycleInfo.Read.All.
 */
export const USER_SELECT = [
	'accountEnabled',
	'city',
	'companyName',
	'country',
	'createdDateTime',
	'department',
	'displayName',
	'employeeId',
	'employeeType',
	'givenName',
	'jobTitle',
	'mail',
	'manager',
	'officeLocation',
	'surname',
	'usageLocation',
	'userPrincipalName',
	'userType',
];

export const GROUP_SELECT = [
	'createdDateTime',
	'description',
	'displayName',
	'groupTypes',
	'mail',
	'mailEnabled',
	'mailNickname',
	'securityEnabled',
	'visibility',
];

/** One delta query the trigger keeps a link for. */
export interface Stream {
	name: 'users' | 'groups';
	objectType: ObjectType;
	path: string;
	select: string;
	/** Changes when the query does: a saved link of another query is drained once, then replaced. */
	signature: string;
}

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The trigger contexts that read these parameters: polls, and the instant trigger's hooks and webhook calls. */
export type TriggerContext = IPollFunctions | IHookFunctions | IWebhookFunctions;

export function readSettings(ctx: TriggerContext): Settings {
	const node = ctx.getNode();
	const fail = (parameter: string, message: string, description?: string) =>
		new NodeOperationError(node, `${message} [parameter "${parameter}"]`, { description });
	const chosen = ctx.getNodeParameter('event', []) as unknown;
	const events = new Set<EventName>();
	for (const value of Array.isArray(chosen) ? chosen : []) {
		if (!EVENTS.includes(value as EventName)) throw fail('event', `Unknown event "${String(value)}"`);
		events.add(value as EventName);
	}
	if (!events.size) throw fail('event', 'Choose at least one event', `The events are: ${EVENTS.join(', ')}.`);

	const ref = (parameter: string) => ({ node, parameter, itemIndex: 0 });
	const watched = events.has('userUpdated') ? parseList(ref('watchedProperties'), ctx.getNodeParameter('watchedProperties', [])) : [];
	for (const name of watched) {
		if (!PROPERTY_NAME.test(name)) throw fail('watchedProperties', `"${name}" is not a user property name`, 'Use Graph names such as department, jobTitle, manager or accountEnabled.');
	}

	const wantsMembers = events.has('memberAdded') || events.has('memberRemoved');
	const ids = wantsMembers ? parseList(ref('groupIds'), ctx.getNodeParameter('groupIds', '')) : [];
	const groupIds = ids.length ? new Set(ids.map((id) => requireGuid(ref('groupIds'), id, 'group ID'))) : null;

	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as string;
	return { authentication, events, watched: [...new Set(watched)], groupIds };
}

/** The delta queries the chosen events need, users first. */
export function streamsFor(settings: Settings): Stream[] {
	const wants = (names: EventName[]) => names.some((name) => settings.events.has(name));
	const streams: Stream[] = [];
	if (wants(['userCreated', 'userUpdated', 'userDeleted'])) {
		const select = [...new Set([...USER_SELECT, ...settings.watched])].join(',');
		streams.push({ name: 'users', objectType: 'user', path: '/users/delta', select, signature: `/users/delta?$select=${select}` });
	}
	const members = wants(['memberAdded', 'memberRemoved']);
	if (members || wants(['groupCreated', 'groupUpdated', 'groupDeleted'])) {
		// Selecting members is what makes Graph report membership changes at all.
		const select = [...GROUP_SELECT, ...(members ? ['members'] : [])].join(',');
		streams.push({ name: 'groups', objectType: 'group', path: '/groups/delta', select, signature: `/groups/delta?$select=${select}` });
	}
	return streams;
}
