import { chunk } from '../helpers/concurrency';
import { advancedQuery } from '../helpers/query';
import type { GraphClient } from './client';
import { GraphError, isExistingLink, isMissingReference } from './errors';
import type { GraphCall, GraphResponse } from './types';

/** Graph's limit of references added in one PATCH (`members@odata.bind`). */
export const BIND_LIMIT = 20;

export type Relation = 'members' | 'owners';

/** One member (or owner) link of a group, by object IDs. */
export interface Link {
	groupId: string;
	objectId: string;
}

/**
 * What happened to one link: changed; already so (Graph's error is kept for callers that do not
 * skip it); or failed. `subject` says which object a "not found" is about, when that is known.
 */
export type LinkOutcome =
	| { status: 'changed' }
	| { status: 'unchanged'; error: GraphError }
	| { status: 'failed'; error: GraphError; subject?: 'group' | 'object' };

type Answer = GraphResponse | GraphError;

const isNotFound = (answer: unknown) => answer instanceof GraphError && answer.status === 404;
/** A referenced object is missing: a 404, or the 400 of a member add to a group not yet replicated. */
const isMissing = (answer: unknown) => answer instanceof GraphError && (answer.status === 404 || isMissingReference(answer));

/** Errors about the request as a whole (permission, throttling, outage), which no single link caused. */
const isWholeRequestError = (error: GraphError) =>
	error.status === 0 || error.status === 401 || error.status === 403 || error.status === 429 || error.status >= 500;

const keyOf = (link: Link) => `${link.groupId}|${link.objectId}`;
const refUrl = (graph: GraphClient, id: string) => `${graph.baseUrl}/directoryObjects/${id}`;

function addCall(graph: GraphClient, relation: Relation, link: Link, retryNotFound: boolean): GraphCall {
	const call: GraphCall = { method: 'POST', url: `/groups/${link.groupId}/${relation}/$ref`, body: { '@odata.id': refUrl(graph, link.objectId) } };
	return retryNotFound ? { ...call, retryNotFound } : call;
}

/** Always with `/$ref`: without it Graph deletes the member object itself. */
const removeCall = (relation: Relation, link: Link): GraphCall => ({
	method: 'DELETE',
	url: `/groups/${link.groupId}/${relation}/${link.objectId}/$ref`,
});

const bindCall = (graph: GraphClient, groupId: string, ids: string[]): GraphCall => ({
	method: 'PATCH',
	url: `/groups/${groupId}`,
	body: { 'members@odata.bind': ids.map((id) => refUrl(graph, id)) },
	retryNotFound: true,
});

/** Which of `ids` are members: one read, on the advanced-query index (ConsistencyLevel: eventual). */
const membersProbe = (groupId: string, ids: string[]): GraphCall => ({
	method: 'GET',
	url: `/groups/${groupId}/members`,
	...advancedQuery({ qs: { $filter: `id in (${ids.map((id) => `'${id}'`).join(',')})`, $select: 'id' }, headers: {} }),
});

/** The IDs among `ids` that a members probe listed. */
function memberIds(answer: GraphResponse, ids: string[]): string[] {
	const listed = (answer.body.value as Array<{ id?: unknown }> | undefined) ?? [];
	const members = new Set(listed.map(({ id }) => String(id).toLowerCase()));
	return ids.filter((id) => members.has(id));
}

const groupProbe = (groupId: string): GraphCall => ({ method: 'GET', url: `/groups/${groupId}`, qs: { $select: 'id' } });

/** Runs `run` once per distinct link and gives every input link its outcome, in input order. */
async function perDistinctLink(links: Link[], run: (unique: Link[]) => Promise<LinkOutcome[]>): Promise<LinkOutcome[]> {
	const unique = [...new Map(links.map((link) => [keyOf(link), link])).values()];
	const outcomes = await run(unique);
	const byKey = new Map(unique.map((link, index) => [keyOf(link), outcomes[index]]));
	return links.map((link) => byKey.get(keyOf(link)) as LinkOutcome);
}

function addOutcome(answer: Answer): LinkOutcome {
	if (!(answer instanceof GraphError)) return { status: 'changed' };
	return isExistingLink(answer) ? { status: 'unchanged', error: answer } : { status: 'failed', error: answer };
}

/**
 * Adds links with one POST …/$ref each (gathered into $batch envelopes when batching is on).
 * A 404 is retried as replication lag: the user or group may have been created moments ago.
 */
export async function addLinks(graph: GraphClient, relation: Relation, links: Link[]): Promise<LinkOutcome[]> {
	return await perDistinctLink(links, async (unique) => {
		const answers = await graph.executeAll(unique.map((link) => addCall(graph, relation, link, true)));
		// A 404 that outlived the retries is about the group or the user: one read of the group tells which.
		const missing = unique.filter((_, index) => isMissing(answers[index])).map((link) => link.groupId);
		const groups = [...new Set(missing)];
		const probed = await graph.executeAll(groups.map(groupProbe));
		const group = new Map(groups.map((id, index) => [id, probed[index]]));
		return answers.map((answer, index): LinkOutcome => {
			const outcome = addOutcome(answer);
			if (outcome.status !== 'failed' || !isMissing(answer)) return outcome;
			const probe = group.get(unique[index].groupId);
			if (probe instanceof GraphError) return isNotFound(probe) ? { status: 'failed', error: probe, subject: 'group' } : outcome;
			return { ...outcome, subject: 'object' };
		});
	});
}

/**
 * Removes links with one DELETE …/$ref each. A 404 means either "not linked" or "no such group":
 * one read of each such group tells which. A group that appears only after replication retries
 * was created moments ago, so its DELETEs are sent once more.
 */
export async function removeLinks(graph: GraphClient, relation: Relation, links: Link[]): Promise<LinkOutcome[]> {
	return await perDistinctLink(links, async (unique) => {
		const answers = await graph.executeAll(unique.map((link) => removeCall(relation, link)));
		const groups = await probeGroups(graph, unique.filter((_, index) => isNotFound(answers[index])).map((link) => link.groupId));
		const late = unique.flatMap((link, index) => (isNotFound(answers[index]) && groups.get(link.groupId) === 'late' ? [index] : []));
		const again = await graph.executeAll(late.map((index) => removeCall(relation, unique[index])));
		late.forEach((index, position) => (answers[index] = again[position]));
		return answers.map((answer, index): LinkOutcome => {
			if (!(answer instanceof GraphError)) return { status: 'changed' };
			if (!isNotFound(answer)) return { status: 'failed', error: answer };
			const group = groups.get(unique[index].groupId);
			if (group instanceof GraphError && isNotFound(group)) return { status: 'failed', error: group, subject: 'group' };
			// Only a group known to exist turns the 404 into "not linked"; otherwise the 404 stands.
			return group instanceof GraphError ? { status: 'failed', error: answer } : { status: 'unchanged', error: answer };
		});
	});
}

/** Per group: 'found', 'late' (found only after replication retries), or the error of the read. */
async function probeGroups(graph: GraphClient, groupIds: string[]): Promise<Map<string, 'found' | 'late' | GraphError>> {
	const ids = [...new Set(groupIds)];
	const found = new Map<string, 'found' | 'late' | GraphError>();
	const first = await graph.executeAll(ids.map(groupProbe));
	const missing = ids.filter((_, index) => isNotFound(first[index]));
	const second = await graph.executeAll(missing.map((id) => ({ ...groupProbe(id), retryNotFound: true })));
	ids.forEach((id, index) => found.set(id, first[index] instanceof GraphError ? (first[index] as GraphError) : 'found'));
	missing.forEach((id, index) => found.set(id, second[index] instanceof GraphError ? (second[index] as GraphError) : 'late'));
	return found;
}

interface Chunk {
	groupId: string;
	ids: string[];
}

/**
 * Adds members 20 to a PATCH (members@odata.bind). Graph applies such a PATCH all or nothing,
 * so when one fails the node works out which members caused it without adding the others twice:
 * one read finds the members that already exist, one PATCH adds the rest, and only if that
 * fails too does each member get a request of its own (and so its own exact answer).
 * Chunks of one group go one after another; different groups go together, in $batch envelopes.
 */
export async function addMembersInChunks(graph: GraphClient, links: Link[]): Promise<LinkOutcome[]> {
	return await perDistinctLink(links, async (unique) => {
		const outcomes = new Map<string, LinkOutcome>();
		const queues = new Map<string, string[][]>();
		const byGroup = new Map<string, string[]>();
		for (const link of unique) byGroup.set(link.groupId, [...(byGroup.get(link.groupId) ?? []), link.objectId]);
		for (const [groupId, ids] of byGroup) queues.set(groupId, chunk(ids, BIND_LIMIT));
		while (queues.size > 0) {
			const round: Chunk[] = [];
			for (const [groupId, chunks] of queues) {
				round.push({ groupId, ids: chunks.shift() as string[] });
				if (chunks.length === 0) queues.delete(groupId);
			}
			await addRound(graph, round, outcomes);
		}
		return unique.map((link) => outcomes.get(keyOf(link)) as LinkOutcome);
	});
}

async function addRound(graph: GraphClient, round: Chunk[], outcomes: Map<string, LinkOutcome>): Promise<void> {
	const settle = (chunk: Chunk, outcome: LinkOutcome, ids = chunk.ids) => {
		for (const id of ids) outcomes.set(keyOf({ groupId: chunk.groupId, objectId: id }), outcome);
	};
	const probes: Array<{ chunk: Chunk; error: GraphError }> = [];
	const fallback: Array<{ chunk: Chunk; retryNotFound: boolean }> = [];

	const first = await graph.executeAll(round.map((chunk) => bindCall(graph, chunk.groupId, chunk.ids)));
	round.forEach((chunk, index) => {
		const answer = first[index];
		if (!(answer instanceof GraphError)) settle(chunk, { status: 'changed' });
		else if (isExistingLink(answer) || isMissing(answer)) probes.push({ chunk, error: answer });
		else if (isWholeRequestError(answer)) settle(chunk, { status: 'failed', error: answer });
		else fallback.push({ chunk, retryNotFound: true });
	});

	const retries: Chunk[] = [];
	const listed = await graph.executeAll(probes.map(({ chunk }) => membersProbe(chunk.groupId, chunk.ids)));
	probes.forEach(({ chunk, error }, index) => {
		const answer = listed[index];
		const existing = answer instanceof GraphError ? [] : memberIds(answer, chunk.ids);
		if (answer instanceof GraphError && isNotFound(answer)) {
			settle(chunk, { status: 'failed', error: answer, subject: 'group' });
		} else if (isMissing(error) || existing.length === 0) {
			// A 404 of the PATCH was already retried as replication lag, so some member does not
			// exist; a read showing no member at all lags behind the write. Either way, ask each.
			fallback.push({ chunk, retryNotFound: !isMissing(error) });
		} else {
			settle(chunk, { status: 'unchanged', error }, existing);
			const rest = chunk.ids.filter((id) => !existing.includes(id));
			if (rest.length > 0) retries.push({ groupId: chunk.groupId, ids: rest });
		}
	});

	const second = await graph.executeAll(retries.map((chunk) => bindCall(graph, chunk.groupId, chunk.ids)));
	retries.forEach((chunk, index) => {
		const answer = second[index];
		if (answer instanceof GraphError) fallback.push({ chunk, retryNotFound: !isMissing(answer) });
		else settle(chunk, { status: 'changed' });
	});

	const single = fallback.flatMap(({ chunk, retryNotFound }) =>
		chunk.ids.map((objectId) => ({ link: { groupId: chunk.groupId, objectId }, retryNotFound })),
	);
	const answers = await graph.executeAll(single.map(({ link, retryNotFound }) => addCall(graph, 'members', link, retryNotFound)));
	single.forEach(({ link }, index) => {
		const outcome = addOutcome(answers[index]);
		outcomes.set(keyOf(link), outcome.status === 'failed' && isNotFound(outcome.error) ? { ...outcome, subject: 'object' } : outcome);
	});
}
