import type { IDataObject } from 'n8n-workflow';

import type { TriggerEvent } from './events';
import type { EventName, Settings } from './settings';

// The names of Microsoft's own Graph examples; the IDs exist in no tenant, so a test run that
// acts on a sample (revoke sessions, remove from group) fails with "not found" instead of harming anyone.
const USER_ID = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';
const MANAGER_ID = '5bde3e51-d13b-4db1-9948-fe4b109d11a7';
const GROUP_ID = '02bd9fd6-8f93-4758-87c3-1fb73740a315';

const USER: IDataObject = {
	accountEnabled: true,
	city: 'Bellevue',
	companyName: 'Contoso',
	country: 'United States',
	createdDateTime: '2025-03-02T09:15:00Z',
	department: 'Retail',
	displayName: 'Adele Vance',
	employeeId: '100234',
	employeeType: 'Employee',
	givenName: 'Adele',
	jobTitle: 'Retail Manager',
	mail: 'AdeleV@contoso.com',
	officeLocation: '18/2111',
	surname: 'Vance',
	usageLocation: 'US',
	userPrincipalName: 'AdeleV@contoso.com',
	userType: 'Member',
	id: USER_ID,
	manager: { id: MANAGER_ID },
};

const GROUP: IDataObject = {
	createdDateTime: '2025-03-02T09:20:00Z',
	description: 'Everyone in Sales and Marketing',
	displayName: 'Sales and Marketing',
	groupTypes: ['Unified'],
	mail: 'SalesAndMarketing@contoso.com',
	mailEnabled: true,
	mailNickname: 'SalesAndMarketing',
	securityEnabled: false,
	visibility: 'Private',
	id: GROUP_ID,
};

/** A watched property's sample change: new value, previous value. */
const CHANGES: Record<string, [IDataObject[string], IDataObject[string]]> = {
	accountEnabled: [false, true],
	department: ['Sales', 'Retail'],
	jobTitle: ['Sales Manager', 'Retail Manager'],
	manager: [{ id: '4782e723-f4f4-4af3-a76e-25e3bab0d896' }, { id: MANAGER_ID }],
	officeLocation: ['20/1101', '18/2111'],
};

function userUpdated(settings: Settings): TriggerEvent {
	const name = settings.watched.find((watched) => watched in CHANGES) ?? 'accountEnabled';
	const [value, previous] = CHANGES[name];
	return {
		event: 'userUpdated',
		objectType: 'user',
		id: USER_ID,
		object: { id: USER_ID, [name]: value },
		changed: [name],
		previous: { [name]: previous },
	};
}

function member(event: 'memberAdded' | 'memberRemoved', settings: Settings): TriggerEvent {
	const groupId = settings.groupIds?.values().next().value ?? GROUP_ID;
	return {
		event,
		objectType: 'group',
		id: groupId,
		object: { id: groupId },
		member: { id: USER_ID, objectType: 'user' },
		...(event === 'memberRemoved' ? { removed: { reason: 'deleted' } } : {}),
	};
}

const SAMPLES: Record<EventName, (settings: Settings) => TriggerEvent> = {
	userCreated: () => ({ event: 'userCreated', objectType: 'user', id: USER_ID, object: { ...USER } }),
	userUpdated,
	userDeleted: () => ({ event: 'userDeleted', objectType: 'user', id: USER_ID, object: { id: USER_ID }, removed: { reason: 'changed' } }),
	groupCreated: () => ({ event: 'groupCreated', objectType: 'group', id: GROUP_ID, object: { ...GROUP } }),
	groupUpdated: () => ({
		event: 'groupUpdated',
		objectType: 'group',
		id: GROUP_ID,
		object: { id: GROUP_ID, description: 'Sales, Marketing and Events' },
		changed: ['description'],
	}),
	groupDeleted: () => ({ event: 'groupDeleted', objectType: 'group', id: GROUP_ID, object: { id: GROUP_ID }, removed: { reason: 'changed' } }),
	memberAdded: (settings) => member('memberAdded', settings),
	memberRemoved: (settings) => member('memberRemoved', settings),
};

/** One sample per chosen event, shaped like a real one and marked `sample: true`. */
export function sampleEvents(settings: Settings): TriggerEvent[] {
	return [...settings.events].map((event) => ({ ...SAMPLES[event](settings), sample: true }));
}
