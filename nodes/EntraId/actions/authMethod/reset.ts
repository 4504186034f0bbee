import type { IDataObject } from 'n8n-workflow';

import type { AuthMethod, MethodType } from '../../directory/authMethods';
import { deleteMethod, deletionRounds } from '../../directory/authMethods';
import type { GraphClient } from '../../transport/client';
import { adviceFor, GraphError } from '../../transport/errors';

/** A user whose methods are to be removed: the path of the user and the methods read from Graph. */
export interface ResetTarget {
	userPath: string;
	methods: AuthMethod[];
}

export interface ResetResult {
	removed: IDataObject[];
	kept: IDataObject[];
	failed: IDataObject[];
}

const brief = (method: AuthMethod): IDataObject => ({ id: method.id, type: method.type });

/** A Graph error as a report entry: Graph's code, message and request-id, never a body. */
export function failure(error: GraphError): IDataObject {
	return { error: adviceFor(error), message: error.graphMessage, code: error.code, ...(error.requestId ? { requestId: error.requestId } : {}) };
}

/**
 * Removes every method but the password for many users at once: one round of deletes per step of
 * `deletionRounds`, all users' deletes of a round sent together (in $batch envelopes). A delete
 * that finds its method gone counts as removed.
 */
export async function resetMethods(graph: GraphClient, targets: ResetTarget[]): Promise<ResetResult[]> {
	const plans = targets.map((target) => ({ target, ...deletionRounds(target.methods) }));
	const results: ResetResult[] = plans.map(({ kept }) => ({ removed: [], kept: kept.map(brief), failed: [] }));
	for (let round = 0; round < 3; round++) {
		const sends = plans.flatMap(({ target, rounds }, index) => rounds[round].map((method) => ({ index, method, userPath: target.userPath })));
		const answers = await graph.executeAll(sends.map(({ userPath, method }) => deleteMethod(userPath, method.type as MethodType, method.id)));
		sends.forEach(({ index, method }, position) => {
			const answer = answers[position];
			if (!(answer instanceof GraphError) || answer.status === 404) results[index].removed.push(brief(method));
			else results[index].failed.push({ ...brief(method), ...failure(answer) });
		});
	}
	return results;
}
