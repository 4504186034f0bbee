import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GraphClient } from '../../EntraId/transport/client';
import { GraphError, toNodeApiError } from '../../EntraId/transport/errors';
import { isResync, latestLink, readRound } from './delta';
import { EventFolder } from './events';
import { Memory } from './memory';
import type { Settings, Stream } from './settings';
import { readSettings, streamsFor } from './settings';
import { testEvents } from './testEvents';

/** Where a stream stands: its deltaLink, the query that link belongs to, and when it was read. */
interface StreamState {
	link: string;
	query: string;
	polledAt: string;
}

export type SavedState = IDataObject & { users?: unknown; groups?: unknown; memory?: unknown };

/** A saved stream, or undefined when there is none or it is not one this version wrote. */
function streamState(value: unknown): StreamState | undefined {
	const state = value as Partial<StreamState> | undefined;
	const valid = typeof state?.link === 'string' && typeof state.query === 'string' && typeof state.polledAt === 'string';
	return valid ? (state as StreamState) : undefined;
}

interface PollRun {
	graph: GraphClient;
	settings: Settings;
	memory: Memory;
	now: number;
	events: IDataObject[];
}

const PERMISSION_HINT = {
	permission: 'User.Read.All (users) and GroupMember.Read.All (groups and members), or Directory.Read.All',
};

function resyncNotice(stream: Stream, code: string, since: string, message: string): IDataObject {
	return {
		event: 'resync',
		objectType: stream.objectType,
		id: null,
		object: null,
		reason: code,
		since,
		message: `${message} Changes to ${stream.name} made since ${since} could not be read, so none of them was emitted; tracking starts again from now. Compare the directory with your records for that period.`,
	};
}

/** Reads one stream from its saved link and returns where it stands now. */
async function advance(run: PollRun, stream: Stream, saved: StreamState | undefined): Promise<StreamState> {
	const { graph, now } = run;
	const polledAt = new Date(now).toISOString();
	const startOver = async (notice: IDataObject) => {
		run.events.push(notice);
		// After a gap the remembered values may be stale: better no `previous` than a wrong one.
		if (stream.name === 'users') run.memory.forgetValues();
		return { link: await latestLink(graph, stream), query: stream.signature, polledAt };
	};
	// First activation: track from now on, so the directory as it is does not flood the workflow.
	if (!saved) return { link: await latestLink(graph, stream), query: stream.signature, polledAt };
	if (!graph.isOwnLink(saved.link)) {
		return await startOver(resyncNotice(stream, 'credentialChanged', saved.polledAt, 'The credential now points at another Microsoft Graph endpoint than the saved delta link.'));
	}
	const outcome = await readRound(graph, saved.link).then(
		(round) => ({ round }),
		(error: unknown) => ({ error }),
	);
	if ('error' in outcome) {
		const { error } = outcome;
		if (!isResync(error)) throw error;
		return await startOver(resyncNotice(stream, error.code, saved.polledAt, `Microsoft Graph no longer accepts the saved delta link (HTTP ${error.status} ${error.code}).`));
	}
	const folder = new EventFolder({ settings: run.settings, memory: run.memory, now, since: Date.parse(saved.polledAt) });
	for (const item of outcome.round.items) folder.add(stream.objectType, item);
	run.events.push(...folder.events);
	// A link of an earlier query (other watched properties or events) is drained once, then replaced.
	const link = saved.query === stream.signature ? outcome.round.deltaLink : await latestLink(graph, stream);
	return { link, query: stream.signature, polledAt };
}

/**
 * Reads every stream the settings need from the links saved in `saved` and returns the events.
 * Nothing is written to `saved` until every stream has been read to its deltaLink: a read that fails
 * half-way leaves the saved links as they were, so the next read sees the same changes again and
 * emits each of them once, with the links that follow them. Shared by the polling and instant triggers.
 */
export async function trackChanges(graph: GraphClient, settings: Settings, saved: SavedState, now = Date.now()): Promise<IDataObject[]> {
	const run: PollRun = { graph, settings, memory: Memory.from(saved.memory), now, events: [] };
	const next: Partial<Record<Stream['name'], StreamState>> = {};
	for (const stream of streamsFor(settings)) next[stream.name] = await advance(run, stream, streamState(saved[stream.name]));
	for (const name of ['users', 'groups'] as const) {
		if (next[name]) saved[name] = next[name];
		else delete saved[name];
	}
	saved.memory = run.memory.toJSON(run.now);
	return run.events;
}

/**
 * Gives every stream without a saved link one for "now", leaving saved links as they are: changes made
 * while a workflow was off are then read with the next round, as the polling trigger does.
 */
export async function startTracking(graph: GraphClient, settings: Settings, saved: SavedState, now = Date.now()) {
	const polledAt = new Date(now).toISOString();
	for (const stream of streamsFor(settings)) {
		if (streamState(saved[stream.name])) continue;
		saved[stream.name] = { link: await latestLink(graph, stream), query: stream.signature, polledAt };
	}
}

/** A trigger failure as n8n shows it: Graph's code, message and request-id, with the permissions it needs. */
export function triggerError(node: INode, error: unknown, advice?: Record<string, string>): Error {
	if (error instanceof GraphError) return toNodeApiError(node, error, undefined, { ...PERMISSION_HINT, advice });
	return new NodeOperationError(node, error as Error);
}

/** One poll: the changes since the last one (see trackChanges). */
export async function pollChanges(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	try {
		const graph = await GraphClient.create(ctx, settings.authentication);
		if (ctx.getMode() === 'manual') {
			// "Fetch Test Event": prove the credential can track these objects, then show what events look like.
			for (const stream of streamsFor(settings)) await latestLink(graph, stream);
			return [ctx.helpers.returnJsonArray(await testEvents(graph, settings))];
		}
		const events = await trackChanges(graph, settings, ctx.getWorkflowStaticData('node') as SavedState);
		return events.length ? [ctx.helpers.returnJsonArray(events)] : null;
	} catch (error) {
		throw triggerError(ctx.getNode(), error);
	}
}
