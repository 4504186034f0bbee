import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../../helpers/setup';
import { byId } from '../../helpers/locators';

// More users than ten pages of 999, so a Return All reports its progress once.
const t = useSandbox({ seed: { users: 12_000, groups: 5 } });

const disable = { resource: 'user', operation: 'disable', userId: byId('={{ $json.id }}') };
const userIds = (count: number) => (t.sandbox.store.listUsers() as IDataObject[]).slice(0, count).map((user) => ({ id: user.id }));
const progressLines = (logs: string[]) => logs.filter((line) => /requests done|pages read|items in \d+ s|for [\d,]+ items/.test(line));

describe('Progress of long runs in the editor (sendMessageToUI)', () => {
	test('a bulk write of 1,200 items sends a start line, a line every 500 requests and an end line, nothing per item and nothing to the log', async () => {
		const result = await t.run({ items: userIds(1200), parameters: disable });
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1200);
		expect(result.uiMessages).toEqual([
			'Entra ID: user → disable for 1,200 items',
			'Entra ID: 500 requests done',
			'Entra ID: 1,000 requests done',
			expect.stringMatching(/^Entra ID: user → disable done for 1,200 items in \d+ s \(60 HTTP requests to Graph\)$/),
		]);
		expect(progressLines(result.logs)).toEqual([]);
	});

	test('throttled requests are counted once when they settle, and the retries are named', async () => {
		t.sandbox.faults.rate429 = 0.2;
		t.sandbox.faults.retryAfter = 0;
		try {
			const result = await t.run({ items: userIds(600), parameters: disable });
			expect(result.error).toBeUndefined();
			const retried = Number(t.sandbox.faultCounts[429]);
			expect(retried).toBeGreaterThan(0);
			expect(result.uiMessages).toEqual([
				'Entra ID: user → disable for 600 items',
				// The line comes when an envelope takes the count past 500: throttled envelopes settle only part of their 20.
				expect.stringMatching(/^Entra ID: 5[01]\d requests done; [\d,]+ retried after throttling or faults$/),
				expect.stringMatching(/^Entra ID: user → disable done for 600 items in \d+ s \([\d,]+ HTTP requests to Graph, [\d,]+ retried after throttling or faults\)$/),
			]);
		} finally {
			t.sandbox.faults.rate429 = 0;
		}
	});

	test('without batching, single requests are counted the same way', async () => {
		const result = await t.run({ items: userIds(500), parameters: { ...disable, options: { batching: false } } });
		expect(result.error).toBeUndefined();
		expect(result.uiMessages).toEqual([
			'Entra ID: user → disable for 500 items',
			'Entra ID: 500 requests done',
			expect.stringMatching(/^Entra ID: user → disable done for 500 items in \d+ s \(500 HTTP requests to Graph\)$/),
		]);
	});

	test('Return All reports every ten pages read', async () => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
		expect(result.output).toHaveLength(12_000);
		expect(result.uiMessages).toEqual(['Entra ID: 10 pages read, 9,990 objects so far']);
	});

	test('a small run sends nothing', async () => {
		const result = await t.run({ items: userIds(20), parameters: disable });
		expect(result.output).toHaveLength(20);
		expect(result.uiMessages).toEqual([]);
	});

	test('outside manual runs (activated workflows), sendMessageToUI is a no-op in n8n-core', async () => {
		const result = await t.run({ items: userIds(600), parameters: disable, mode: 'trigger' });
		expect(result.output).toHaveLength(600);
		expect(result.uiMessages).toEqual([]);
		expect(progressLines(result.logs)).toEqual([]);
	});
});
