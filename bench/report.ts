import type { NodeName, Scenario } from './scenarios';
import { physicalLimit } from './scenarios';
import type { Outcome } from './worker';

export interface Measured {
	runs: Array<Outcome & { requests: number; innerRequests: number; firstRequestMs: number }>;
}

export interface Row {
	scenario: Scenario;
	results: Partial<Record<NodeName, Measured>>;
}

export interface Context {
	runs: number;
	latencyMs: number;
}

/** The bars of issue #5. */
export const BARS = { limitRatio: 1.05, fewerRequests: 10, fasterWall: 5, memoryPerJson: 3 };

const NAMES: Record<NodeName, string> = { ours: 'Entra ID (this package)', builtin: 'Microsoft Entra ID (n8n built-in)' };

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export interface Summary {
	requests: number;
	innerRequests: number;
	wallMs: number;
	cpuMs: number;
	firstRequestMs: number;
	peakRss: number;
	rssGrowth: number;
	jsonBytes?: number;
}

export function summarize({ runs }: Measured): Summary {
	const of = (pick: (run: Measured['runs'][number]) => number) => median(runs.map(pick));
	return {
		requests: of((run) => run.requests),
		innerRequests: of((run) => run.innerRequests),
		wallMs: of((run) => run.wallMs),
		cpuMs: of((run) => run.cpuMs),
		firstRequestMs: of((run) => run.firstRequestMs),
		peakRss: of((run) => run.peakRss),
		rssGrowth: of((run) => run.peakRss - run.baselineRss),
		jsonBytes: runs[0].jsonBytes === undefined ? undefined : of((run) => run.jsonBytes ?? 0),
	};
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const times = (ratio: number) => `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
const count = (value: number) => value.toLocaleString('en-US');

export function markdownTable(rows: Row[], { runs, latencyMs }: Context): string {
	const lines = [
		'# Benchmark: this package vs n8n\'s built-in Microsoft Entra ID node',
		'',
		`Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}). Graph sandbox with ${latencyMs} ms a round trip; wall time, CPU time and memory are the median of ${runs} runs, each in a fresh process.`,
		'"Requests" are HTTP round trips; requests inside a JSON $batch are counted apart. The limit is ceil(N/20) for per-item operations, ceil(N/999) for lists.',
		'',
		'| # | Scenario | Node | Requests | Inside $batch | Limit | Requests ÷ limit | Wall time | CPU time | First request after | Peak RSS | RSS growth | Built-in ÷ ours: requests | Built-in ÷ ours: wall time |',
		'| - | - | - | -: | -: | -: | -: | -: | -: | -: | -: | -: | -: | -: |',
	];
	const memory: string[] = [];
	for (const { scenario, results } of rows) {
		const limit = physicalLimit(scenario);
		const ours = results.ours && summarize(results.ours);
		const builtin = results.builtin && summarize(results.builtin);
		for (const node of ['ours', 'builtin'] as const) {
			const summary = node === 'ours' ? ours : builtin;
			if (!summary) continue;
			const versus = node === 'ours' && ours && builtin ? [times(builtin.requests / ours.requests), times(builtin.wallMs / ours.wallMs)] : ['', ''];
			lines.push(
				`| ${scenario.id} | ${scenario.title} | ${NAMES[node]} | ${count(summary.requests)} | ${count(summary.innerRequests)} | ${count(limit)} | ${times(summary.requests / limit)} | ${seconds(summary.wallMs)} | ${seconds(summary.cpuMs)} | ${seconds(summary.firstRequestMs)} | ${mb(summary.peakRss)} | ${mb(summary.rssGrowth)} | ${versus.join(' | ')} |`,
			);
			if (summary.jsonBytes) {
				memory.push(`| ${scenario.id} | ${NAMES[node]} | ${count(scenario.count)} | ${mb(summary.jsonBytes)} | ${mb(summary.rssGrowth)} | ${times(summary.rssGrowth / summary.jsonBytes)} |`);
			}
		}
	}
	if (memory.length) {
		lines.push(
			'',
			'Memory of lists: peak RSS growth over the RSS before the run, against the JSON size of the listed objects (the output items).',
			'',
			'| # | Node | Objects | JSON size | RSS growth | Growth ÷ JSON size |',
			'| - | - | -: | -: | -: | -: |',
			...memory,
		);
	}
	return `${lines.join('\n')}\n`;
}

export interface Bar {
	pass: boolean;
	text: string;
}

export function checkBars(rows: Row[]): Bar[] {
	const bars: Bar[] = [];
	for (const { scenario, results } of rows) {
		const label = `${scenario.id}. ${scenario.title}:`;
		if (!results.ours) continue;
		const ours = summarize(results.ours);
		const limit = physicalLimit(scenario);
		bars.push({
			pass: ours.requests <= BARS.limitRatio * limit,
			text: `${label} ${ours.requests} requests, ${times(ours.requests / limit)} the limit of ${limit} (bar: ≤ ${BARS.limitRatio}×)`,
		});
		if (results.builtin) {
			const builtin = summarize(results.builtin);
			const fewer = builtin.requests / ours.requests;
			const faster = builtin.wallMs / ours.wallMs;
			bars.push({ pass: fewer >= BARS.fewerRequests, text: `${label} ${times(fewer)} fewer requests than the built-in node (${builtin.requests} vs ${ours.requests}; bar: ≥ ${BARS.fewerRequests}×)` });
			bars.push({ pass: faster >= BARS.fasterWall, text: `${label} ${times(faster)} lower wall time than the built-in node (${seconds(builtin.wallMs)} vs ${seconds(ours.wallMs)}; bar: ≥ ${BARS.fasterWall}×)` });
		}
		if (scenario.id === 6 && ours.jsonBytes) {
			const ratio = ours.rssGrowth / ours.jsonBytes;
			bars.push({ pass: ratio < BARS.memoryPerJson, text: `${label} peak RSS growth ${mb(ours.rssGrowth)} is ${times(ratio)} the JSON size ${mb(ours.jsonBytes)} (bar: < ${BARS.memoryPerJson}×)` });
		}
	}
	return bars;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLORS: Record<NodeName, string> = { ours: '#2f6fde', builtin: '#c9522c' };

/** A horizontal bar chart on a log scale: one panel per measure, two bars (ours, built-in) per scenario. */
export function chartSvg(rows: Row[], { runs, latencyMs }: Context): string {
	const panels: Array<{ title: string; value: (summary: Summary) => number; format: (value: number) => string; marker?: (scenario: Scenario) => number }> = [
		{ title: 'HTTP requests (log scale; | = the limit)', value: (summary) => summary.requests, format: count, marker: physicalLimit },
		{ title: `Wall time, median of ${runs} (log scale)`, value: (summary) => summary.wallMs, format: seconds },
	];
	const label = 230;
	const barArea = 300;
	const panelWidth = label + barArea + 80;
	const barHeight = 14;
	const rowHeight = 2 * barHeight + 14;
	const top = 70;
	const height = top + rows.length * rowHeight + 40;
	const parts: string[] = [];
	panels.forEach((panel, index) => {
		const x0 = index * panelWidth + 10;
		const values = rows.flatMap(({ results }) => Object.values(results).map((measured) => panel.value(summarize(measured))));
		const low = Math.floor(Math.log10(Math.max(1, Math.min(...values))));
		const high = Math.ceil(Math.log10(Math.max(...values)));
		const scale = (value: number) => ((Math.log10(Math.max(value, 10 ** low)) - low) / Math.max(1, high - low)) * barArea;
		parts.push(`<text x="${x0 + label}" y="${top - 26}" font-weight="bold">${escapeXml(panel.title)}</text>`);
		for (let decade = low; decade <= high; decade++) {
			const x = x0 + label + scale(10 ** decade);
			parts.push(`<line x1="${x}" y1="${top - 8}" x2="${x}" y2="${height - 34}" stroke="#ddd"/>`);
			parts.push(`<text x="${x}" y="${height - 20}" font-size="10" text-anchor="middle" fill="#666">${escapeXml(panel.format(10 ** decade))}</text>`);
		}
		rows.forEach(({ scenario, results }, row) => {
			const y = top + row * rowHeight;
			parts.push(`<text x="${x0 + label - 8}" y="${y + barHeight + 4}" font-size="11" text-anchor="end">${escapeXml(`${scenario.id}. ${scenario.title}`)}</text>`);
			if (panel.marker) {
				const x = x0 + label + scale(panel.marker(scenario));
				parts.push(`<line x1="${x}" y1="${y - 3}" x2="${x}" y2="${y + 2 * barHeight + 1}" stroke="#000" stroke-width="2"/>`);
			}
			(['ours', 'builtin'] as const).forEach((node, slot) => {
				const measured = results[node];
				if (!measured) return;
				const value = panel.value(summarize(measured));
				const width = Math.max(1, scale(value));
				const yBar = y + slot * barHeight;
				parts.push(`<rect x="${x0 + label}" y="${yBar}" width="${width.toFixed(1)}" height="${barHeight - 2}" fill="${COLORS[node]}"/>`);
				parts.push(`<text x="${x0 + label + width + 4}" y="${yBar + barHeight - 4}" font-size="10">${escapeXml(panel.format(value))}</text>`);
			});
		});
	});
	const legend = (['ours', 'builtin'] as const)
		.map((node, slot) => `<rect x="${10 + slot * 260}" y="10" width="12" height="12" fill="${COLORS[node]}"/><text x="${28 + slot * 260}" y="21">${escapeXml(NAMES[node])}</text>`)
		.join('');
	const note = `<text x="${10 + 2 * 260}" y="21" fill="#666" font-size="11">${escapeXml(`Graph sandbox, ${latencyMs} ms a round trip`)}</text>`;
	const width = panels.length * panelWidth + 20;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="#fff"/>\n${legend}${note}\n${parts.join('\n')}\n</svg>\n`;
}
