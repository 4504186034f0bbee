import type { IDataObject } from 'n8n-workflow';

import type { AuthMethod } from '../../../directory/authMethods';
import { deletionRounds } from '../../../directory/authMethods';
import { addReference, GROUP_MEMBERS, GROUP_OWNERS, isExistingReference, objectPath, removeReference, USER_MANAGER } from '../../../directory/relations';
import type { GraphClient } from '../../../transport/client';
import { GraphError } from '../../../transport/errors';
import type { GraphCall, GraphResponse } from '../../../transport/types';
import type { ResetResult, ResetTarget } from '../../authMethod/reset';
import { failure, resetMethods } from '../../authMethod/reset';
import type { Facts } from './read';
import type { LeaverRun, Step, Waves, Work } from './report';
import { fail, gone, linkWork, ok, report, ROUNDS, single } from './report';

const user = (run: LeaverRun) => run.facts.user as IDataObject;
const userUrl = (run: LeaverRun) => objectPath('users', run.id);

function planDisable(run: LeaverRun, waves: Waves) {
	const enabled = user(run).accountEnabled !== false;
	single(run, waves, 'disable', 'disable', enabled ? { method: 'PATCH', url: userUrl(run), body: { accountEnabled: false } } : undefined);
}

/**
 * Sessions count as revoked when the account was already disabled and its sessions were revoked
 * since it was created: a disabled account can start no new session.
 */
function planRevoke(run: LeaverRun, waves: Waves) {
	const { accountEnabled, signInSessionsValidFromDateTime: validFrom, createdDateTime } = user(run);
	const revoked = accountEnabled === false && typeof validFrom === 'string' && Date.parse(validFrom) >= Date.parse(String(createdDateTime ?? 0));
	const call: GraphCall = { method: 'POST', url: `${userUrl(run)}/revokeSignInSessions`, body: {}, idempotent: true };
	single(run, waves, 'revokeSessions', 'revoke', revoked ? undefined : call);
}

/** Why Graph cannot change a group's membership: rule-based, mastered on-premises, or mastered by Exchange. */
function notRemovableReason(group: IDataObject): string | undefined {
	const types = (group.groupTypes as string[] | undefined) ?? [];
	if (types.includes('DynamicMembership')) return 'dynamic';
	if (group.onPremisesSyncEnabled === true) return 'onPremisesSynced';
	if (group.mailEnabled === true && !types.includes('Unified')) return 'mailEnabled';
	return undefined;
}

function planGroups(run: LeaverRun, waves: Waves) {
	const groups = run.facts.groups as IDataObject[];
	const kept: string[] = [];
	const notRemovable: IDataObject[] = [];
	const removable: string[] = [];
	for (const group of groups) {
		const id = String(group.id);
		const reason = notRemovableReason(group);
		if (run.keepGroupIds.has(id)) kept.push(id);
		else if (reason) notRemovable.push({ id, displayName: group.displayName, reason });
		else removable.push(id);
	}
	const status = removable.length === 0 ? 'unchanged' : run.dryRun ? 'planned' : 'done';
	const entry = report(run, 'removeGroups', status, { removed: status === 'planned' ? removable : [], kept, notRemovable, failed: [] });
	if (status !== 'done') return;
	const removed = entry.removed as string[];
	for (const groupId of removable) {
		waves.links.push(linkWork(run, 'removeGroups', entry, groupId, removeReference(GROUP_MEMBERS, groupId, run.id), () => removed.push(groupId)));
	}
}

/** "User does not have a corresponding license.": after a dropped answer, the first attempt went through. */
const alreadyRemoved = (error: GraphError) => error.maybeApplied && /does not have a corresponding license/i.test(error.graphMessage);

function planLicenses(run: LeaverRun, waves: Waves) {
	const states = (user(run).licenseAssignmentStates as IDataObject[] | undefined) ?? [];
	const assigned = ((user(run).assignedLicenses as IDataObject[] | undefined) ?? []).map((license) => String(license.skuId));
	const direct = states.length ? states.filter((state) => !state.assignedByGroup).map((state) => String(state.skuId)) : assigned;
	const inherited = states.filter((state) => state.assignedByGroup).map((state) => ({ skuId: state.skuId, groupId: state.assignedByGroup }));
	const removed = [...new Set(direct)];
	const call: GraphCall = { method: 'POST', url: `${userUrl(run)}/assignLicense`, body: { addLicenses: [], removeLicenses: removed }, idempotent: true };
	single(run, waves, 'removeLicenses', 'links', removed.length ? call : undefined, { removed, inherited }, (answer) => ok(answer) || alreadyRemoved(answer as GraphError));
}

function planManager(run: LeaverRun, waves: Waves) {
	const managerId = run.facts.manager as string | null;
	single(run, waves, 'removeManager', 'links', managerId ? removeReference(USER_MANAGER, run.id) : undefined, managerId ? { managerId } : {}, gone);
}

/**
 * Ownerships: the leaver is removed where another owner stays (leavers of this run do not count).
 * Where no one would stay, a new owner is added first, or the group is reported and left alone.
 */
function planOwnerships(graph: GraphClient, run: LeaverRun, waves: Waves, leaving: Set<string>) {
	const owned = run.facts.owned as Array<{ id: string; displayName?: unknown; owners: string[] | GraphError }>;
	const removable: string[] = [];
	const handover: string[] = [];
	const notRemovable: IDataObject[] = [];
	const failed: IDataObject[] = [];
	for (const group of owned) {
		if (group.owners instanceof GraphError) {
			failed.push({ id: group.id, ...failure(group.owners) });
			continue;
		}
		const staying = group.owners.filter((owner) => !leaving.has(owner));
		if (staying.length) removable.push(group.id);
		else if (run.newOwnerId !== undefined) handover.push(group.id);
		else notRemovable.push({ id: group.id, displayName: group.displayName as string, reason: 'lastOwner' });
	}
	const work = removable.length + handover.length > 0;
	const status = !work ? 'unchanged' : run.dryRun ? 'planned' : 'done';
	const planned = status === 'planned';
	const entry = report(run, 'removeOwnerships', status, { removed: planned ? [...removable, ...handover] : [], newOwnerAdded: planned ? handover : [], notRemovable, failed });
	const unreadOwners = owned.find((group) => group.owners instanceof GraphError)?.owners;
	if (unreadOwners instanceof GraphError) fail(run, 'removeOwnerships', unreadOwners);
	if (run.newOwnerId instanceof GraphError && handover.length) return fail(run, 'removeOwnerships', run.newOwnerId);
	if (status !== 'done') return;
	const removed = entry.removed as string[];
	const remove = (groupId: string) => linkWork(run, 'removeOwnerships', entry, groupId, removeReference(GROUP_OWNERS, groupId, run.id), () => removed.push(groupId));
	for (const groupId of removable) waves.links.push(remove(groupId));
	const added = (answer: GraphResponse | GraphError) => ok(answer) || isExistingReference(answer as GraphError);
	for (const groupId of handover) {
		// A repeated add answers "already exists", which counts as added: safe to send again after a dropped answer.
		const add = { ...addReference(graph, GROUP_OWNERS, groupId, String(run.newOwnerId)), idempotent: true };
		const then = () => {
			(entry.newOwnerAdded as string[]).push(groupId);
			waves.afterOwnerAdded.push(remove(groupId));
		};
		waves.links.push(linkWork(run, 'removeOwnerships', entry, groupId, add, then, added));
	}
}

function planAuthMethods(run: LeaverRun, targets: Array<{ run: LeaverRun; target: ResetTarget }>) {
	const methods = run.facts.methods as AuthMethod[];
	const { rounds, kept } = deletionRounds(methods);
	const brief = (method: AuthMethod) => ({ id: method.id, type: method.type });
	const deletable = rounds.flat();
	const status = deletable.length === 0 ? 'unchanged' : run.dryRun ? 'planned' : 'done';
	report(run, 'removeAuthMethods', status, { removed: status === 'planned' ? deletable.map(brief) : [], kept: kept.map(brief), failed: [] });
	if (status === 'done') targets.push({ run, target: { userPath: userUrl(run), methods } });
}

const READS: Partial<Record<Step, keyof Facts>> = { removeGroups: 'groups', removeManager: 'manager', removeOwnerships: 'owned', removeAuthMethods: 'methods' };

async function runRound(graph: GraphClient, works: Work[]) {
	const answers = await graph.executeAll(works.map(({ call }) => call));
	works.forEach((work, index) => work.settle(answers[index]));
}

/**
 * Plans every leaver's steps from what was read, then writes in rounds shared by all leavers:
 * disable, revoke sessions, the link removals (groups, licences, manager, ownerships, with the
 * authentication methods alongside), owner removals that waited for a new owner, and last the
 * deletes of leavers whose every step went through. A dry run stops after planning.
 */
export async function offboard(graph: GraphClient, runs: LeaverRun[]) {
	const waves: Waves = { disable: [], revoke: [], links: [], afterOwnerAdded: [], delete: [] };
	const resets: Array<{ run: LeaverRun; target: ResetTarget }> = [];
	const leaving = new Set(runs.filter((run) => run.steps.includes('removeOwnerships')).map((run) => run.id));
	const planners: Partial<Record<Step, (run: LeaverRun) => void>> = {
		disable: (run) => planDisable(run, waves),
		revokeSessions: (run) => planRevoke(run, waves),
		removeGroups: (run) => planGroups(run, waves),
		removeLicenses: (run) => planLicenses(run, waves),
		removeManager: (run) => planManager(run, waves),
		removeOwnerships: (run) => planOwnerships(graph, run, waves, leaving),
		removeAuthMethods: (run) => planAuthMethods(run, resets),
	};
	for (const run of runs) {
		for (const step of run.steps) {
			const read = READS[step] && run.facts[READS[step]];
			if (run.facts.deleted) report(run, step, 'unchanged', { reason: 'The user is already deleted' });
			else if (read instanceof GraphError) fail(run, step, read);
			else planners[step]?.(run);
		}
	}
	for (const round of ROUNDS) {
		if (round === 'delete') planDeletes(runs, waves);
		if (round !== 'links') {
			await runRound(graph, waves[round]);
			continue;
		}
		const [results] = await Promise.all([resetMethods(graph, resets.map(({ target }) => target)), runRound(graph, waves.links)]);
		resets.forEach(({ run }, index) => settleReset(run, results[index]));
	}
}

function settleReset(run: LeaverRun, result: ResetResult) {
	const entry = run.reports.get('removeAuthMethods') as IDataObject;
	Object.assign(entry, result);
	const [first] = result.failed;
	if (!first) return;
	entry.status = 'failed';
	run.errors.push({ step: 'removeAuthMethods', error: new GraphError(0, String(first.code), String(first.message), first.requestId as string | undefined) });
}

/** Delete runs last, and only for a leaver whose every other step went through. */
function planDeletes(runs: LeaverRun[], waves: Waves) {
	for (const run of runs.filter((candidate) => candidate.steps.includes('delete'))) {
		if (run.facts.deleted) continue;
		if (run.errors.length) report(run, 'delete', 'skipped', { reason: `Not deleted because the step "${run.errors[0].step}" failed` });
		else single(run, waves, 'delete', 'delete', { method: 'DELETE', url: userUrl(run) }, {}, gone);
	}
}
