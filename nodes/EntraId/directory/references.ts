import type { GraphClient } from '../transport/client';
import { isMissingReference } from '../transport/consistency';
import { GraphError } from '../transport/errors';
import type { GraphCall, GraphResponse } from '../transport/types';
import type { Relation } from './relations';
import { addReference, isExistingReference, objectPath, removeReference } from './relations';

/** One reference of a relation, by object IDs: the group and its member, the user and its manager. */
export interface Link {
	sourceId: string;
	targetId: string;
}

/**
 * What happened to one link: changed; already so (Graph's error is kept for callers that do not
 * skip it); or failed. `subject` says which object a "not found" is about, when that is known.
 */
export type LinkOutcome =
	| { status: 'changed' }
	| { status: 'unchanged'; error: GraphError }
	| { status: 'failed'; error: GraphError; subject?: 'source' | 'target' };

export const isNotFound = (answer: unknown) => answer instanceof GraphError && answer.status === 404;
/** A referenced object is missing: a 404, or the 400 of a member add to a group not yet replicated. */
export const isMissing = (answer: unknown) => answer instanceof GraphError && (answer.status === 404 || isMissingReference(answer));

export const keyOf = (link: Link) => `${link.sourceId}|${link.targetId}`;

/** A write that references another object: a 404 may be replication lag, so it is retried a few times. */
export const withRetryNotFound = (call: GraphCall, retry = true): GraphCall => (retry ? { ...call, retryNotFound: true } : call);

/** Reads the source object (its id only): does it exist? */
const sourceProbe = (relation: Relation, sourceId: string): GraphCall => ({
	method: 'GET',
	url: objectPath(relation.source, sourceId),
	qs: { $select: 'id' },
});

/** Runs `run` once per distinct link and gives every input link its outcome, in input order. */
export async function perDistinctLink(links: Link[], run: (unique: Link[]) => Promise<LinkOutcome[]>): Promise<LinkOutcome[]> {
	const unique = [...new Map(links.map((link) => [keyOf(link), link])).values()];
	const outcomes = await run(unique);
	const byKey = new Map(unique.map((link, index) => [keyOf(link), outcomes[index]]));
	return links.map((link) => byKey.get(keyOf(link)) as LinkOutcome);
}

export function addOutcome(answer: GraphResponse | GraphError): LinkOutcome {
	if (!(answer instanceof GraphError)) return { status: 'changed' };
	return isExistingReference(answer) ? { status: 'unchanged', error: answer } : { status: 'failed', error: answer };
}

/**
 * Adds links with one `$ref` write each (gathered into $batch envelopes when batching is on).
 * A 404 is retried as replication lag: the objects may have been created moments ago.
 */
export async function addLinks(graph: GraphClient, relation: Relation, links: Link[]): Promise<LinkOutcome[]> {
	return await perDistinctLink(links, async (unique) => {
		const answers = await graph.executeAll(unique.map((link) => withRetryNotFound(addReference(graph, relation, link.sourceId, link.targetId))));
		// A 404 that outlived the retries is about the source or the target: one read of the source tells which.
		const sources = [...new Set(unique.filter((_, index) => isMissing(answers[index])).map((link) => link.sourceId))];
		const probed = await graph.executeAll(sources.map((id) => sourceProbe(relation, id)));
		const source = new Map(sources.map((id, index) => [id, probed[index]]));
		return answers.map((answer, index): LinkOutcome => {
			const outcome = addOutcome(answer);
			if (outcome.status !== 'failed' || !isMissing(answer)) return outcome;
			const probe = source.get(unique[index].sourceId);
			if (probe instanceof GraphError) return isNotFound(probe) ? { status: 'failed', error: probe, subject: 'source' } : outcome;
			return { ...outcome, subject: 'target' };
		});
	});
}

/**
 * Removes links with one DELETE …/$ref each. A 404 means either "not linked" or "no such source":
 * one read of each such source tells which. A source that appears only after replication retries
 * was created moments ago, so its DELETEs are sent once more.
 */
export async function removeLinks(graph: GraphClient, relation: Relation, links: Link[]): Promise<LinkOutcome[]> {
	return await perDistinctLink(links, async (unique) => {
		const remove = (link: Link) => removeReference(relation, link.sourceId, link.targetId);
		const answers = await graph.executeAll(unique.map(remove));
		const sources = await probeSources(graph, relation, unique.filter((_, index) => isNotFound(answers[index])).map((link) => link.sourceId));
		const late = unique.flatMap((link, index) => (isNotFound(answers[index]) && sources.get(link.sourceId) === 'late' ? [index] : []));
		const again = await graph.executeAll(late.map((index) => remove(unique[index])));
		late.forEach((index, position) => (answers[index] = again[position]));
		return answers.map((answer, index): LinkOutcome => {
			if (!(answer instanceof GraphError)) return { status: 'changed' };
			if (!isNotFound(answer)) return { status: 'failed', error: answer };
			const source = sources.get(unique[index].sourceId);
			if (source instanceof GraphError && isNotFound(source)) return { status: 'failed', error: source, subject: 'source' };
			// Only a source known to exist turns the 404 into "not linked"; otherwise the 404 stands.
			return source instanceof GraphError ? { status: 'failed', error: answer } : { status: 'unchanged', error: answer };
		});
	});
}

/** Per source: 'found', 'late' (found only after replication retries), or the error of the read. */
async function probeSources(graph: GraphClient, relation: Relation, sourceIds: string[]): Promise<Map<string, 'found' | 'late' | GraphError>> {
	const ids = [...new Set(sourceIds)];
	const found = new Map<string, 'found' | 'late' | GraphError>();
	const first = await graph.executeAll(ids.map((id) => sourceProbe(relation, id)));
	const missing = ids.filter((_, index) => isNotFound(first[index]));
	const second = await graph.executeAll(missing.map((id) => withRetryNotFound(sourceProbe(relation, id))));
	ids.forEach((id, index) => found.set(id, first[index] instanceof GraphError ? (first[index] as GraphError) : 'found'));
	missing.forEach((id, index) => found.set(id, second[index] instanceof GraphError ? (second[index] as GraphError) : 'late'));
	return found;
}
