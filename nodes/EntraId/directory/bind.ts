import { BATCH_LIMIT } from '../transport/batch';
import type { GraphClient } from '../transport/client';
import { chunk } from '../transport/concurrency';
import { NOT_FOUND_RETRY_DELAYS_MS } from '../transport/consistency';
import { GraphError } from '../transport/errors';
import type { GraphCall, GraphResponse } from '../transport/types';
import { advancedQuery } from '../transport/types';
import type { Link, LinkOutcome } from './references';
import { addOutcome, isMissing, isNotFound, keyOf, perDistinctLink, withRetryNotFound } from './references';
import type { Relation } from './relations';
import { addReference, directoryObjectUrl, isExistingReference, objectPath } from './relations';

interface Chunk {
	sourceId: string;
	ids: string[];
}

/** Errors about the request as a whole (permission, throttling, outage), which no single link caused. */
const isWholeRequestError = (error: GraphError) =>
	error.status === 0 || error.status === 401 || error.status === 403 || error.status === 429 || error.status >= 500;

const bindCall = (graph: GraphClient, relation: Relation, sourceId: string, ids: string[], retryNotFound: boolean): GraphCall => ({
	method: 'PATCH',
	url: objectPath(relation.source, sourceId),
	body: { [`${relation.property}@odata.bind`]: ids.map((id) => directoryObjectUrl(graph, id)) },
	retryNotFound,
});

/**
 * Which of `ids` a collection holds: one read with `id in (…)`. Graph allows more than 15 values
 * only in advanced queries (ConsistencyLevel: eventual, $count), whose index may lag a little.
 */
const idProbe = (url: string, ids: string[]): GraphCall => ({
	method: 'GET',
	url,
	...advancedQuery({ qs: { $filter: `id in (${ids.map((id) => `'${id}'`).join(',')})`, $select: 'id' }, headers: {} }),
});

/** The IDs among `ids` that a probe listed. */
function listedIds(answer: GraphResponse, ids: string[]): string[] {
	const listed = (answer.body.value as Array<{ id?: unknown }> | undefined) ?? [];
	const members = new Set(listed.map(({ id }) => String(id).toLowerCase()));
	return ids.filter((id) => members.has(id));
}

function pushIfAny(chunks: Chunk[], sourceId: string, ids: string[]) {
	if (ids.length > 0) chunks.push({ sourceId, ids });
}

/**
 * Adds users to a relation that allows `@odata.bind` (group members), `bindLimit` to a PATCH.
 * Graph applies such a PATCH all or nothing, so when one fails the node works out which users
 * caused it without adding the others twice: reads find the users linked already (and, after a
 * 404, the users that do not exist), one PATCH adds the rest, and only the users the reads could
 * not clear (or all, when that PATCH fails too) get a request of their own, and so their own
 * exact answer. Chunks of one source go one after another; different sources go together.
 */
export async function addInChunks(graph: GraphClient, relation: Relation, links: Link[], startedAt = Date.now()): Promise<LinkOutcome[]> {
	const bindLimit = relation.bindLimit ?? 1;
	// Replication lag concerns objects created before the run started: once the run is older than
	// the whole retry window, a 404 is an answer, not lag, and is not waited for again.
	const graceEnds = startedAt + NOT_FOUND_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
	const inGrace = () => Date.now() < graceEnds;
	return await perDistinctLink(links, async (unique) => {
		const outcomes = new Map<string, LinkOutcome>();
		const queues = new Map<string, string[][]>();
		const bySource = new Map<string, string[]>();
		for (const link of unique) bySource.set(link.sourceId, [...(bySource.get(link.sourceId) ?? []), link.targetId]);
		for (const [sourceId, ids] of bySource) queues.set(sourceId, chunk(ids, bindLimit));
		while (queues.size > 0) {
			// A round holds what the transport sends at once (concurrency envelopes of 20 PATCHes),
			// shared among the sources; each PATCH binds up to bindLimit users.
			const perSource = Math.max(1, Math.floor((BATCH_LIMIT * graph.options.concurrency) / queues.size));
			const round: Chunk[] = [];
			for (const [sourceId, chunks] of queues) {
				for (const ids of chunks.splice(0, perSource)) round.push({ sourceId, ids });
				if (chunks.length === 0) queues.delete(sourceId);
			}
			await addRound(graph, relation, round, outcomes, inGrace);
		}
		return unique.map((link) => outcomes.get(keyOf(link)) as LinkOutcome);
	});
}

async function addRound(
	graph: GraphClient,
	relation: Relation,
	round: Chunk[],
	outcomes: Map<string, LinkOutcome>,
	inGrace: () => boolean,
): Promise<void> {
	const settle = (chunk: Chunk, outcome: LinkOutcome, ids = chunk.ids) => {
		for (const id of ids) outcomes.set(keyOf({ sourceId: chunk.sourceId, targetId: id }), outcome);
	};
	const bind = (chunks: Chunk[]) => graph.executeAll(chunks.map((chunk) => bindCall(graph, relation, chunk.sourceId, chunk.ids, inGrace())));
	const probes: Array<{ chunk: Chunk; error: GraphError }> = [];
	const retries: Chunk[] = [];
	const single: Chunk[] = [];

	const first = await bind(round);
	round.forEach((chunk, index) => {
		const answer = first[index];
		if (!(answer instanceof GraphError)) settle(chunk, { status: 'changed' });
		else if (isExistingReference(answer) || isMissing(answer)) probes.push({ chunk, error: answer });
		else if (isWholeRequestError(answer)) settle(chunk, { status: 'failed', error: answer });
		else single.push(chunk);
	});

	// One $batch of reads: which users are linked already, and (after a 404) which users exist at all.
	const reads = probes.flatMap(({ chunk, error }) => [
		idProbe(`${objectPath(relation.source, chunk.sourceId)}/${relation.property}`, chunk.ids),
		...(isMissing(error) ? [idProbe('/users', chunk.ids)] : []),
	]);
	const listed = await graph.executeAll(reads);
	let next = 0;
	for (const { chunk, error } of probes) {
		const linked = listed[next++];
		const users = isMissing(error) ? listed[next++] : undefined;
		const existing = linked instanceof GraphError ? [] : listedIds(linked, chunk.ids);
		if (isNotFound(linked)) {
			settle(chunk, { status: 'failed', error: linked as GraphError, subject: 'source' });
		} else if (linked instanceof GraphError || users instanceof GraphError) {
			single.push(chunk);
		} else if (users) {
			// Some user does not exist: it and any user linked already get a request of their own.
			const found = listedIds(users, chunk.ids);
			const alone = chunk.ids.filter((id) => !found.includes(id) || existing.includes(id));
			pushIfAny(single, chunk.sourceId, alone);
			pushIfAny(retries, chunk.sourceId, chunk.ids.filter((id) => !alone.includes(id)));
		} else if (existing.length === 0) {
			// The read's index lags behind the write that linked someone: ask user by user.
			single.push(chunk);
		} else if (error.maybeApplied && existing.length === chunk.ids.length) {
			// This PATCH was sent again after its answer was lost: the first one added them all (Graph
			// applies it all or nothing, and it would have failed had any been linked already).
			settle(chunk, { status: 'changed' });
		} else {
			settle(chunk, { status: 'unchanged', error }, existing);
			pushIfAny(retries, chunk.sourceId, chunk.ids.filter((id) => !existing.includes(id)));
		}
	}

	const second = await bind(retries);
	retries.forEach((chunk, index) => {
		const answer = second[index];
		if (!(answer instanceof GraphError)) settle(chunk, { status: 'changed' });
		else if (isWholeRequestError(answer)) settle(chunk, { status: 'failed', error: answer });
		else single.push(chunk);
	});

	const links = single.flatMap((chunk) => chunk.ids.map((targetId) => ({ sourceId: chunk.sourceId, targetId })));
	const answers = await graph.executeAll(links.map((link) => withRetryNotFound(addReference(graph, relation, link.sourceId, link.targetId), inGrace())));
	links.forEach((link, index) => {
		const outcome = addOutcome(answers[index]);
		outcomes.set(keyOf(link), outcome.status === 'failed' && isNotFound(outcome.error) ? { ...outcome, subject: 'target' } : outcome);
	});
}
