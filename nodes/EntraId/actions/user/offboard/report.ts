import type { IDataObject } from 'n8n-workflow';

import { GraphError } from '../../../transport/errors';
import type { GraphCall, GraphResponse } from '../../../transport/types';
import { failure } from '../../authMethod/reset';
import type { Facts } from './read';

/* The report of each leaver's steps, and the writes that settle it. */

export const STEPS = ['disable', 'revokeSessions', 'removeGroups', 'removeLicenses', 'removeManager', 'removeOwnerships', 'removeAuthMethods', 'delete'] as const;
export type Step = (typeof STEPS)[number];

/** One leaver's run: what was read, the report of each step, and the Graph errors behind failed steps. */
export interface LeaverRun {
	id: string;
	steps: Step[];
	facts: Facts;
	dryRun: boolean;
	keepGroupIds: Set<string>;
	/** The object ID of the new owner for groups the leaver owns alone, or the error of resolving it. */
	newOwnerId?: string | GraphError;
	reports: Map<Step, IDataObject>;
	errors: Array<{ step: Step; error: GraphError }>;
}

/** A write and what its answer means for the report. */
export interface Work {
	call: GraphCall;
	settle: (answer: GraphResponse | GraphError) => void;
}

/** The write rounds, in order; a round starts when the one before has settled. */
export const ROUNDS = ['disable', 'revoke', 'links', 'afterOwnerAdded', 'delete'] as const;
export type Round = (typeof ROUNDS)[number];
export type Waves = Record<Round, Work[]>;

export const ok = (answer: GraphResponse | GraphError) => !(answer instanceof GraphError);
export const gone = (answer: GraphResponse | GraphError) => ok(answer) || (answer as GraphError).status === 404;

export function report(run: LeaverRun, step: Step, status: string, details: IDataObject = {}): IDataObject {
	const entry = { step, status, ...details };
	run.reports.set(step, entry);
	return entry;
}

export function fail(run: LeaverRun, step: Step, error: GraphError) {
	const entry = run.reports.get(step) ?? report(run, step, 'failed');
	Object.assign(entry, { status: 'failed', ...failure(error) });
	run.errors.push({ step, error });
}

/** Plans a simple step: unchanged, planned (dry run), or one write whose answer settles it. */
export function single(run: LeaverRun, waves: Waves, step: Step, round: Round, call: GraphCall | undefined, details: IDataObject = {}, isDone = ok) {
	if (!call) return report(run, step, 'unchanged', details);
	if (run.dryRun) return report(run, step, 'planned', details);
	const entry = report(run, step, 'done', details);
	waves[round].push({ call, settle: (answer) => (isDone(answer) ? undefined : fail(run, step, answer as GraphError)) });
	return entry;
}

/** One link change of a group: its success lands in `onDone`, its failure in the step's `failed` list. */
export function linkWork(run: LeaverRun, step: Step, entry: IDataObject, groupId: string, call: GraphCall, onDone: () => void, isDone = gone): Work {
	return {
		call,
		settle: (answer) => {
			if (isDone(answer)) return onDone();
			const error = answer as GraphError;
			(entry.failed as IDataObject[]).push({ id: groupId, ...failure(error) });
			if (entry.status !== 'failed') fail(run, step, error);
		},
	};
}
