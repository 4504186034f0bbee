import type { IDataObject } from 'n8n-workflow';

import type { AuthMethod } from '../../../directory/authMethods';
import { listMethods, toAuthMethod } from '../../../directory/authMethods';
import { objectPath } from '../../../directory/relations';
import type { UserRef } from '../../../directory/users';
import { userPath } from '../../../directory/users';
import type { GraphClient } from '../../../transport/client';
import { GraphError } from '../../../transport/errors';
import type { GraphCall, GraphResponse } from '../../../transport/types';
import type { Step } from './report';

/** What a leaver looks like in Graph before anything changes. A GraphError where a read failed. */
export interface Facts {
	user: IDataObject | GraphError;
	/** The user is already in deleted items (a run with the Delete step went through before). */
	deleted?: boolean;
	groups?: IDataObject[] | GraphError;
	/** The manager's ID, or null when there is none. */
	manager?: string | null | GraphError;
	/** The groups the user owns, with their owners' IDs. */
	owned?: Array<{ id: string; displayName?: unknown; owners: string[] | GraphError }> | GraphError;
	methods?: AuthMethod[] | GraphError;
}

const USER_SELECT = 'id,userPrincipalName,accountEnabled,createdDateTime,signInSessionsValidFromDateTime,assignedLicenses,licenseAssignmentStates';
const GROUP_SELECT = 'id,displayName,groupTypes,mailEnabled,securityEnabled,onPremisesSyncEnabled';
const PAGE = 999;

const list = (url: string, $select: string): GraphCall => ({ method: 'GET', url, qs: { $select, $top: PAGE } });

/** A collection answer with every page: the rest is read along @odata.nextLink. */
async function allOf(graph: GraphClient, answer: GraphResponse | GraphError): Promise<IDataObject[] | GraphError> {
	if (answer instanceof GraphError) return answer;
	const first = (answer.body.value as IDataObject[] | undefined) ?? [];
	const next = answer.body['@odata.nextLink'];
	if (typeof next !== 'string') return first;
	try {
		return [...first, ...(await graph.collect({ method: 'GET', url: next }))];
	} catch (error) {
		return error as GraphError;
	}
}

/** The reads of every leaver in one batched round, then the owners of the groups they own in another. */
export async function readLeavers(graph: GraphClient, leavers: Array<{ user: UserRef; steps: Step[] }>): Promise<Facts[]> {
	const reads: Array<{ leaver: number; kind: keyof Facts; call: GraphCall }> = [];
	leavers.forEach(({ user, steps }, leaver) => {
		const path = userPath(user);
		reads.push({ leaver, kind: 'user', call: { method: 'GET', url: path, qs: { $select: USER_SELECT } } });
		if (steps.includes('removeGroups')) reads.push({ leaver, kind: 'groups', call: list(`${path}/memberOf/microsoft.graph.group`, GROUP_SELECT) });
		if (steps.includes('removeManager')) reads.push({ leaver, kind: 'manager', call: { method: 'GET', url: `${path}/manager`, qs: { $select: 'id' } } });
		if (steps.includes('removeOwnerships')) reads.push({ leaver, kind: 'owned', call: list(`${path}/ownedObjects/microsoft.graph.group`, 'id,displayName') });
		if (steps.includes('removeAuthMethods')) reads.push({ leaver, kind: 'methods', call: listMethods(path) });
	});
	const answers = await graph.executeAll(reads.map(({ call }) => call));
	const facts: Facts[] = leavers.map(() => ({ user: new GraphError(0, 'NotRead', 'The user was not read') }));
	for (const [index, { leaver, kind }] of reads.entries()) {
		const answer = answers[index];
		const fact = facts[leaver];
		if (kind === 'user') fact.user = answer instanceof GraphError ? answer : answer.body;
		else if (kind === 'manager') fact.manager = answer instanceof GraphError ? (answer.status === 404 ? null : answer) : String(answer.body.id);
		else if (kind === 'methods') {
			const methods = await allOf(graph, answer);
			fact.methods = methods instanceof GraphError ? methods : methods.map(toAuthMethod);
		} else if (kind === 'groups') fact.groups = await allOf(graph, answer);
		else {
			const owned = await allOf(graph, answer);
			fact.owned = owned instanceof GraphError ? owned : owned.map((group) => ({ id: String(group.id), displayName: group.displayName, owners: [] }));
		}
	}
	await readOwners(graph, facts);
	await readDeleted(graph, leavers, facts);
	return facts;
}

async function readOwners(graph: GraphClient, facts: Facts[]) {
	const groups = facts.flatMap((fact) => (Array.isArray(fact.owned) ? fact.owned : []));
	const ids = [...new Set(groups.map((group) => group.id))];
	const answers = await graph.executeAll(ids.map((id) => list(`${objectPath('groups', id)}/owners`, 'id')));
	const owners = new Map<string, string[] | GraphError>();
	for (const [index, id] of ids.entries()) {
		const all = await allOf(graph, answers[index]);
		owners.set(id, all instanceof GraphError ? all : all.map((owner) => String(owner.id)));
	}
	for (const group of groups) group.owners = owners.get(group.id) ?? [];
}

/** A leaver given by ID whose read found nothing may have been deleted by an earlier run. */
async function readDeleted(graph: GraphClient, leavers: Array<{ user: UserRef; steps: Step[] }>, facts: Facts[]) {
	const missing = leavers.flatMap((leaver, index) => {
		const { user } = facts[index];
		return user instanceof GraphError && user.status === 404 && leaver.user.kind === 'id' && leaver.steps.includes('delete') ? [index] : [];
	});
	const answers = await graph.executeAll(missing.map((index) => ({ method: 'GET', url: objectPath('directory/deletedItems', leavers[index].user.value), qs: { $select: 'id,userPrincipalName' } })));
	missing.forEach((index, position) => {
		const answer = answers[position];
		if (!(answer instanceof GraphError)) Object.assign(facts[index], { deleted: true, user: answer.body });
	});
}
