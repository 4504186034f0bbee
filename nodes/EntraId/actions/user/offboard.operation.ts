import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { notice, optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { resolveUserIds } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { clip, invalid, parseList, readUserRef, requireGuid, requireUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { adviceFor, GraphError, toNodeApiError } from '../../transport/errors';
import type { ItemResult } from '../execution';
import { asNodeError, planItems } from '../execution';
import { readLeavers } from './offboard/read';
import type { LeaverRun, Step } from './offboard/report';
import { STEPS } from './offboard/report';
import { offboard } from './offboard/steps';

const STEP_OPTIONS = [
	{ name: 'Delete User', value: 'delete', description: 'Soft-delete the user last, only if every other step went through (restorable for 30 days). Needs User.ReadWrite.All.' },
	{ name: 'Disable Sign-In', value: 'disable', description: 'Set accountEnabled to false. Needs User.ReadWrite.All.' },
	{ name: 'Remove Authentication Methods', value: 'removeAuthMethods', description: 'Delete every MFA and passwordless method but the password. Needs UserAuthenticationMethod.ReadWrite.All.' },
	{ name: 'Remove From Groups', value: 'removeGroups', description: 'Leave every group the user is a direct member of, except Keep Group IDs; dynamic, on-premises synced and mail-enabled groups are reported. Needs GroupMember.ReadWrite.All.' },
	{ name: 'Remove Group Ownerships', value: 'removeOwnerships', description: 'Stop owning groups; where the user is the last owner, New Owner takes over or the group is reported. Needs Group.ReadWrite.All.' },
	{ name: 'Remove Licenses', value: 'removeLicenses', description: 'Remove directly assigned licenses; licenses inherited from groups are reported. Needs User.ReadWrite.All (or LicenseAssignment.ReadWrite.All).' },
	{ name: 'Remove Manager', value: 'removeManager', description: "Clear the user's manager. Needs User.ReadWrite.All." },
	{ name: 'Revoke Sessions', value: 'revokeSessions', description: 'Invalidate refresh tokens and session cookies. Needs User.RevokeSessions.All.' },
];

export const properties: INodeProperties[] = [
	userIdLocator,
	{
		displayName: 'Steps',
		name: 'steps',
		type: 'multiOptions',
		options: STEP_OPTIONS,
		default: ['disable', 'revokeSessions', 'removeGroups', 'removeLicenses', 'removeManager', 'removeOwnerships', 'removeAuthMethods'],
		description: 'What to do for each leaver. Steps run in a safe order whatever their order here: sign-in is blocked first, the delete comes last.',
	},
	notice(
		'offboardNotice',
		'Run once with Dry Run on: it reads the leaver and reports every step as planned or unchanged, and writes nothing. A second run on the same leaver changes nothing and reports every step as unchanged.',
	),
	optionsCollection([
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to only read and report what each step would do (status planned), without any change. Use it first.',
		},
		{
			displayName: 'Keep Group IDs',
			name: 'keepGroupIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 45b7d2e7-b882-4a80-ba97-10b7a63b8fa4, 0e6d…',
			description: 'Groups the leaver stays in (comma-separated group IDs, or a list from an expression)',
		},
		{
			displayName: 'New Owner',
			name: 'newOwnerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. grace.hopper@contoso.com',
			description: 'A user (ID or UPN) who becomes owner of the groups the leaver owns alone, so the leaver can be removed as owner. Empty: such groups are reported and left as they are.',
		},
	]),
];

interface LeaverPlan {
	user: ReturnType<typeof readUserRef>;
	steps: Step[];
	keepGroupIds: Set<string>;
	newOwner?: ReturnType<typeof readUserRef>;
	dryRun: boolean;
}

function readPlan(ctx: IExecuteFunctions, itemIndex: number): LeaverPlan {
	const node = ctx.getNode();
	const user = readUserRef(ctx, 'userId', itemIndex);
	const rawSteps = itemParameter(ctx, 'steps', itemIndex, []);
	const steps = parseList({ node, parameter: 'steps', itemIndex }, rawSteps);
	const unknown = steps.find((step) => !(STEPS as readonly string[]).includes(step));
	if (unknown !== undefined) throw invalid({ node, parameter: 'steps', itemIndex }, `"${clip(unknown)}" is not a step`, `Steps are ${STEPS.join(', ')}.`);
	if (steps.length === 0) throw invalid({ node, parameter: 'steps', itemIndex }, 'Choose at least one step');
	const options = (itemParameter(ctx, 'options', itemIndex, {}) ?? {}) as IDataObject;
	const keepRef = { node, parameter: 'options.keepGroupIds', itemIndex };
	const keepGroupIds = new Set(parseList(keepRef, options.keepGroupIds).map((id) => requireGuid(keepRef, id, 'group ID')));
	const owner = options.newOwnerId;
	const newOwner = owner === undefined || owner === '' ? undefined : requireUserRef({ node, parameter: 'options.newOwnerId', itemIndex }, owner);
	if (options.dryRun !== undefined && typeof options.dryRun !== 'boolean') throw invalid({ node, parameter: 'options.dryRun', itemIndex }, 'Dry Run must be true or false');
	return { user, steps: STEPS.filter((step) => steps.includes(step)), keepGroupIds, newOwner, dryRun: options.dryRun === true };
}

/** The item's output: the report, or (without continueOnFail) an error that names the user and the step. */
function outcome(ctx: IExecuteFunctions, run: LeaverRun, itemIndex: number): ItemResult {
	const userRecord = run.facts.user as IDataObject;
	const userPrincipalName = userRecord.userPrincipalName;
	const complete = run.errors.length === 0;
	const steps = run.steps.map((step) => run.reports.get(step) ?? { step, status: 'skipped' });
	if (complete || ctx.continueOnFail()) return { items: [{ id: run.id, userPrincipalName, complete, dryRun: run.dryRun, steps }] };
	const { step, error } = run.errors[0];
	const failedSteps = [...new Set(run.errors.map((entry) => entry.step))].join(', ');
	error.advice = `Offboarding "${String(userPrincipalName)}" did not complete: the step "${step}" failed (failed steps: ${failedSteps}). ${adviceFor(error)}`;
	return { error: toNodeApiError(ctx.getNode(), error, itemIndex) };
}

/**
 * Every leaver is read first (in batched rounds), then every step planned, then written in
 * rounds shared by all leavers (offboard/steps.ts), so 200 leavers take a handful of rounds.
 */
export async function execute(this: IExecuteFunctions, graph: GraphClient, itemCount: number): Promise<ItemResult[]> {
	const { results, plans } = planItems(this, itemCount, (itemIndex) => readPlan(this, itemIndex));
	const owners = await resolveUserIds(graph, plans.flatMap(({ newOwner }) => (newOwner ? [newOwner] : [])));
	const facts = await readLeavers(graph, plans);
	const runs: Array<{ itemIndex: number; run: LeaverRun }> = [];
	plans.forEach((plan, index) => {
		const { user } = facts[index];
		if (user instanceof GraphError) {
			results[plan.itemIndex] = { error: asNodeError(this, user, plan.itemIndex, { resource: `user "${plan.user.value}"`, permission: 'User.ReadWrite.All' }) };
			return;
		}
		const newOwnerId = plan.newOwner && owners.get(plan.newOwner.value);
		runs.push({ itemIndex: plan.itemIndex, run: { id: String(user.id), steps: plan.steps, facts: facts[index], dryRun: plan.dryRun, keepGroupIds: plan.keepGroupIds, newOwnerId, reports: new Map(), errors: [] } });
	});
	await offboard(graph, runs.map(({ run }) => run));
	for (const { itemIndex, run } of runs) results[itemIndex] = outcome(this, run, itemIndex);
	return results;
}
