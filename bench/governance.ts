/**
 * npm run bench:governance: user.getInactive over 10,000 users and application.getExpiringCredentials
 * over 2,000 applications, through n8n's engine against the Graph sandbox with latency on every
 * round trip. Prints and writes requests, items and wall time (median of BENCH_RUNS runs).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { disposeEngine, PACKAGE_ROOT, WorkflowRunner } from '../test/runner/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require(path.join(PACKAGE_ROOT, 'test/sandbox')) as { startSandbox(options: IDataObject): Promise<Sandbox> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const governance = require(path.join(PACKAGE_ROOT, 'test/sandbox/governance')) as {
	governanceOf(store: unknown): { applications: unknown[] };
	seedApplications(gov: unknown, count: number): void;
	seedSignInActivity(store: unknown): void;
};

interface Sandbox {
	graphUrl: string;
	loginHttpUrl: string;
	tenantId: string;
	auth: { app: { clientId: string; clientSecret: string }; issueToken(options: IDataObject): string };
	store: unknown;
	log: Array<{ batch: false | IDataObject }>;
	clearLog(): void;
	close(): Promise<void>;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const USERS = 10_000;
const APPLICATIONS = 2_000;

const SCENARIOS: Array<{ name: string; parameters: IDataObject }> = [
	{ name: `user.getInactive, 90 days, Return All (${USERS.toLocaleString('en')} users)`, parameters: { resource: 'user', operation: 'getInactive', days: 90, returnAll: true } },
	{ name: `application.getExpiringCredentials, 30 days (${APPLICATIONS.toLocaleString('en')} applications)`, parameters: { resource: 'application', operation: 'getExpiringCredentials', days: 30 } },
	{ name: `application.getExpiringCredentials, 30 days, applications and service principals (${APPLICATIONS.toLocaleString('en')} each)`, parameters: { resource: 'application', operation: 'getExpiringCredentials', days: 30, options: { include: 'both' } } },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const sandbox = await startSandbox({ seed: { users: USERS, groups: 10 }, latencyMs: LATENCY_MS });
	governance.seedSignInActivity(sandbox.store);
	const gov = governance.governanceOf(sandbox.store);
	governance.seedApplications(gov, APPLICATIONS - gov.applications.length);
	const runner = await WorkflowRunner.create();
	const { clientId, clientSecret } = sandbox.auth.app;
	runner.setCredential('entraIdOAuth2Api', {
		tenantId: sandbox.tenantId,
		cloud: 'custom',
		customGraphUrl: sandbox.graphUrl,
		customLoginUrl: sandbox.loginHttpUrl,
		clientId,
		clientSecret,
		oauthTokenData: { access_token: sandbox.auth.issueToken({ type: 'delegated' }), token_type: 'Bearer' },
	});
	const rows: string[] = [];
	for (const scenario of SCENARIOS) {
		const seconds: number[] = [];
		let requests = 0;
		let items = 0;
		for (let run = 0; run < RUNS; run++) {
			sandbox.clearLog();
			const started = process.hrtime.bigint();
			const result = await runner.run({ parameters: scenario.parameters });
			seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
			if (result.error) throw result.error;
			requests = sandbox.log.filter((entry) => !entry.batch).length;
			items = result.output.length;
		}
		const row = `| ${scenario.name} | ${items.toLocaleString('en')} | ${requests} | ${median(seconds).toFixed(2)} |`;
		rows.push(row);
		process.stdout.write(`${row}\n`);
	}
	const text = [
		'# Governance reads: requests and wall time',
		'',
		`Written by \`npm run bench:governance\` (bench/governance.ts): n8n's engine in-process, the Graph sandbox on 127.0.0.1 with ${LATENCY_MS} ms added to every round trip, median of ${RUNS} runs, delegated credential.`,
		`Sign-in activity: 90% of users signed in within the last year, 10% never. Applications: 1-2 secrets each, 30% with a certificate, end dates from 60 days ago to two years ahead.`,
		'',
		'| run | items out | HTTP requests | seconds (median) |',
		'| --- | ---: | ---: | ---: |',
		...rows,
		'',
	].join('\n');
	writeFileSync(path.join(PACKAGE_ROOT, 'bench/results/governance.md'), text);
	await sandbox.close();
	disposeEngine();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
