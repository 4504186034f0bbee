import { chunk } from '../helpers/concurrency';
import { advancedQuery } from '../helpers/query';
import type { GraphClient } from './client';
import { BATCH_LIMIT } from './client';
import { NOT_FOUND_RETRY_DELAYS_MS } from './consistency';
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

const bindCall = (graph: GraphClient, groupId: string, ids: string[], retryNotFound: boolean): GraphCall => ({
	method: 'PATCH',
	url: `/groups/${groupId}`,
	body: { 'members@odata.bind': ids.map((id) => refUrl(graph, id)) },
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
 * reads find the members that exist already (and, after a 404, the users that do not exist),
 * one PATCH adds the rest, and only the members the reads could not clear (or all, when that
 * PATCH fails too) get a request of their own, and so their own exact answer.
 * Chunks of one group go one after another; different groups go together, in $batch envelopes.
 */
export async function addMembersInChunks(graph: GraphClient, links: Link[], startedAt = Date.now()): Promise<LinkOutcome[]> {
	// Replication lag concerns objects created before the run started: once the run is older than
	// the whole retry window, a 404 is an answer, not lag, and is not waited for again.
	const graceEnds = startedAt + NOT_FOUND_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
	const inGrace = () => Date.now() < graceEnds;
	return await perDistinctLink(links, async (unique) => {
		const outcomes = new Map<string, LinkOutcome>();
		const queues = new Map<string, string[][]>();
		const byGroup = new Map<string, string[]>();
		for (const link of unique) byGroup.set(link.groupId, [...(byGroup.get(link.groupId) ?? []), link.objectId]);
		for (const [groupId, ids] of byGroup) queues.set(groupId, chunk(ids, BIND_LIMIT));
		while (queues.size > 0) {
			// A round holds what the transport sends at once (concurrency envelopes of 20 PATCHes),
			// shared among the groups; each PATCH binds up to 20 members.
			const perGroup = Math.max(1, Math.floor((BATCH_LIMIT * graph.options.concurrency) / queues.size));
			const round: Chunk[] = [];
			for (const [groupId, chunks] of queues) {
				for (const ids of chunks.splice(0, perGroup)) round.push({ groupId, ids });
				if (chunks.length === 0) queues.delete(groupId);
			}
			await addRound(graph, round, outcomes, inGrace);
		}
		return unique.map((link) => outcomes.get(keyOf(link)) as LinkOutcome);
	});
}

async function addRound(graph: GraphClient, round: Chunk[], outcomes: Map<string, LinkOutcome>, inGrace: () => boolean): Promise<void> {
	const settle = (chunk: Chunk, outcome: LinkOutcome, ids = chunk.ids) => {
		for (const id of ids) outcomes.set(keyOf({ groupId: chunk.groupId, objectId: id }), outcome);
	};
	const probes: Array<{ chunk: Chunk; error: GraphError }> = [];
	const retries: Chunk[] = [];
	const single: Chunk[] = [];

	const first = await graph.executeAll(round.map((chunk) => bindCall(graph, chunk.groupId, chunk.ids, inGrace())));
	round.forEach((chunk, index) => {
		const answer = first[index];
		if (!(answer instanceof GraphError)) settle(chunk, { status: 'changed' });
		else if (isExistingLink(answer) || isMissing(answer)) probes.push({ chunk, error: answer });
		else if (isWholeRequestError(answer)) settle(chunk, { status: 'failed', error: answer });
		else single.push(chunk);
	});

	// One $batch of reads: which members exist already, and (after a 404) which users exist at all.
	const reads = probes.flatMap(({ chunk, error }) => [
		idProbe(`/groups/${chunk.groupId}/members`, chunk.ids),
		...(isMissing(error) ? [idProbe('/users', chunk.ids)] : []),
	]);
	const listed = await graph.executeAll(reads);
	let next = 0;
	for (const { chunk, error } of probes) {
		const members = listed[next++];
		const users = isMissing(error) ? listed[next++] : undefined;
		const existing = members instanceof GraphError ? [] : listedIds(members, chunk.ids);
		if (isNotFound(members)) {
			settle(chunk, { status: 'failed', error: members as GraphError, subject: 'group' });
		} else if (members instanceof GraphError || users instanceof GraphError) {
			single.push(chunk);
		} else if (users) {
			// Some member does not exist: it and any existing member get a request of their own.
			const found = listedIds(users, chunk.ids);
			const alone = chunk.ids.filter((id) => !found.includes(id) || existing.includes(id));
			pushIfAny(single, chunk.groupId, alone);
			pushIfAny(retries, chunk.groupId, chunk.ids.filter((id) => !alone.includes(id)));
		} else if (existing.length === 0) {
			// The read's index lags behind the write that made someone a member: ask member by member.
			single.push(chunk);
		} else if (error.maybeApplied && existing.length === chunk.ids.length) {
			// This PATCH was sent again after its answer was lost: the first one added them all (Graph
			// applies it all or nothing, and it would have failed had any been a member already).
			settle(chunk, { status: 'changed' });
		} else {
			settle(chunk, { status: 'unchanged', error }, existing);
			pushIfAny(retries, chunk.groupId, chunk.ids.filter((id) => !existing.includes(id)));
		}
	}

	const second = await graph.executeAll(retries.map((chunk) => bindCall(graph, chunk.groupId, chunk.ids, inGrace())));
	retries.forEach((chunk, index) => {
		const answer = second[index];
		if (!(answer instanceof GraphError)) settle(chunk, { status: 'changed' });
		else if (isWholeRequestError(answer)) settle(chunk, { status: 'failed', error: answer });
		else single.push(chunk);
	});

	const links = single.flatMap((chunk) => chunk.ids.map((objectId) => ({ groupId: chunk.groupId, objectId })));
	const answers = await graph.executeAll(links.map((link) => addCall(graph, 'members', link, inGrace())));
	links.forEach((link, index) => {
		const outcome = addOutcome(answers[index]);
		outcomes.set(keyOf(link), outcome.status === 'failed' && isNotFound(outcome.error) ? { ...outcome, subject: 'object' } : outcome);
	});
}

function pushIfAny(chunks: Chunk[], groupId: string, ids: string[]) {
	if (ids.length > 0) chunks.push({ groupId, ids });
}
