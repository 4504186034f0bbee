import type { IExecuteFunctions } from 'n8n-workflow';

/** A progress line every this many settled requests (25 full $batch envelopes). */
export const REQUESTS_PER_REPORT = 500;

/** A progress line every this many pages of a list (about 10,000 objects at 999 a page). */
export const PAGES_PER_REPORT = 10;

/** Runs with at least this many input items say when they start and end. */
export const BULK_ITEMS = 500;

const count = (value: number) => value.toLocaleString('en-US');

/** The transport's counters the lines quote. */
export interface ProgressStats {
	requests: number;
	retries: number;
}

/**
 * Progress of long runs, for the editor: n8n shows these lines in the browser console of a
 * manual run, and `sendMessageToUI` does nothing in any other mode. One line per
 * REQUESTS_PER_REPORT requests or PAGES_PER_REPORT pages, never one per item, and nothing is
 * written to n8n's log.
 */
export class Progress {
	private settledCalls = 0;

	private pages = 0;

	private objects = 0;

	private nextRequestReport = REQUESTS_PER_REPORT;

	constructor(
		private readonly send: (message: string) => void,
		private readonly stats: Readonly<ProgressStats>,
	) {}

	/** Progress for a node's run; silent where the context has no editor to talk to (pickers, polls). */
	static for(ctx: object, stats: Readonly<ProgressStats>): Progress {
		const execute = ctx as Partial<Pick<IExecuteFunctions, 'sendMessageToUI'>>;
		if (typeof execute.sendMessageToUI !== 'function') return new Progress(() => {}, stats);
		return new Progress((message) => execute.sendMessageToUI?.(message), stats);
	}

	/** Calls that got their final answer (a retried one counts once, when it settles). */
	settled(calls: number) {
		this.settledCalls += calls;
		if (this.settledCalls < this.nextRequestReport) return;
		this.nextRequestReport = (Math.floor(this.settledCalls / REQUESTS_PER_REPORT) + 1) * REQUESTS_PER_REPORT;
		this.send(`Entra ID: ${count(this.settledCalls)} requests done${this.retryNote()}`);
	}

	/** A page of a list was read. */
	page(objects: number) {
		this.pages++;
		this.objects += objects;
		if (this.pages % PAGES_PER_REPORT === 0) {
			this.send(`Entra ID: ${count(this.pages)} pages read, ${count(this.objects)} objects so far${this.retryNote()}`);
		}
	}

	/** The opening line of a bulk run. */
	start(items: number, what: string) {
		if (items >= BULK_ITEMS) this.send(`Entra ID: ${what} for ${count(items)} items`);
	}

	/** The closing line of a bulk run. */
	finish(items: number, what: string, startedAt: number) {
		if (items < BULK_ITEMS) return;
		const seconds = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
		const requests = `${count(this.stats.requests)} HTTP requests to Graph`;
		this.send(`Entra ID: ${what} done for ${count(items)} items in ${seconds} s (${requests}${this.retryNote(', ')})`);
	}

	private retryNote(separator = '; ') {
		const { retries } = this.stats;
		return retries > 0 ? `${separator}${count(retries)} retried after throttling or faults` : '';
	}
}
