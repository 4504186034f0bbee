import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../EntraId/transport/client';
import type { TriggerEvent } from './events';
import { sampleEvents } from './samples';
import type { EventName, Settings } from './settings';
import { GROUP_SELECT, USER_SELECT } from './settings';

/** What "Fetch Test Event" shows: a real object of the tenant, or a made-up sample when there is none. */
const FROM_TENANT = 'A real object of your tenant, shown as this event would show it; the change itself did not happen.';
const SAMPLE = 'Your tenant has nothing to show for this event, so this is a made-up sample (its IDs exist nowhere).';

const firstOf = async (graph: GraphClient, url: string, select: string[]): Promise<IDataObject | undefined> => {
	const { body } = await graph.request({ method: 'GET', url, qs: { $top: 1, $select: ['id', ...select].join(',') } });
	return (body.value as IDataObject[] | undefined)?.[0];
};

const typeName = (object: IDataObject) => String(object['@odata.type'] ?? '#microsoft.graph.user').replace(/^#?microsoft\.graph\./, '');

interface TenantObjects {
	user?: IDataObject;
	group?: IDataObject;
	member?: IDataObject;
}

function fromTenant(event: EventName, settings: Settings, { user, group, member }: TenantObjects): TriggerEvent | undefined {
	if (event.startsWith('user')) {
		if (!user) return undefined;
		const id = String(user.id);
		if (event === 'userCreated') return { event, objectType: 'user', id, object: user };
		if (event === 'userDeleted') return { event, objectType: 'user', id, object: { id }, removed: { reason: 'changed' } };
		const name = settings.watched.find((watched) => watched in user) ?? 'displayName';
		return { event, objectType: 'user', id, object: { id, [name]: user[name] }, changed: [name] };
	}
	if (!group) return undefined;
	const id = String(group.id);
	if (event === 'groupCreated') return { event, objectType: 'group', id, object: group };
	if (event === 'groupUpdated') return { event, objectType: 'group', id, object: { id, displayName: group.displayName }, changed: ['displayName'] };
	if (event === 'groupDeleted') return { event, objectType: 'group', id, object: { id }, removed: { reason: 'changed' } };
	if (!member) return undefined;
	return {
		event,
		objectType: 'group',
		id,
		object: { id },
		member: { id: String(member.id), objectType: typeName(member) },
		...(event === 'memberRemoved' ? { removed: { reason: 'changed' } } : {}),
	};
}

/**
 * One test event per chosen event, built on the tenant's first user, group and member where it
 * has them, so a workflow under construction sees real IDs and values; a sample otherwise, and said so.
 */
export async function testEvents(graph: GraphClient, settings: Settings): Promise<TriggerEvent[]> {
	const wants = (prefix: string) => [...settings.events].some((event) => event.startsWith(prefix));
	const objects: TenantObjects = {};
	// manager is a relation, not a property /users can $select.
	if (wants('user')) objects.user = await firstOf(graph, '/users', USER_SELECT.filter((name) => name !== 'manager'));
	if (wants('group') || wants('member')) {
		const groupId = settings.groupIds?.values().next().value;
		objects.group = groupId ? { id: groupId } : await firstOf(graph, '/groups', GROUP_SELECT);
		if (wants('member') && objects.group) {
			objects.member = await firstOf(graph, `/groups/${encodeURIComponent(String(objects.group.id))}/members`, []);
		}
	}
	const samples = sampleEvents(settings);
	return [...settings.events].map((event, index) => {
		const real = fromTenant(event, settings, objects);
		return real ? { ...real, testEvent: FROM_TENANT } : { ...samples[index], testEvent: SAMPLE };
	});
}
