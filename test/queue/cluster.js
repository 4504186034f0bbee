'use strict';
// n8n in queue mode as the test runs it: one `n8n start` (main) and `n8n worker`s, each with its
// own user folder (where the package is installed), task-runner broker port and log file, all
// sharing the queue environment (Redis, Postgres, encryption key). Processes are started and
// stopped one by one, so the test can restart any of them; each start is a new instance
// (worker1#1, worker1#2 …), and the logs say which instance ran which execution.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/** Polls `check` (async, truthy when done) every 200 ms; throws `what` with `detail()` after `timeoutMs`. */
async function waitFor(what, check, { timeoutMs = 60_000, detail = () => '' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const result = await check();
		if (result) return result;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s. ${detail()}`.trim());
		await sleep(200);
	}
}

class Cluster {
	/**
	 * @param {{ work: string, env: object, probe: string, probeFile: string }} options
	 *   env: the queue environment every process shares; probe: probe.js, loaded in each.
	 */
	constructor({ work, env, probe, probeFile }) {
		this.work = work;
		this.env = env;
		this.probe = probe;
		this.probeFile = probeFile;
		this.logDir = path.join(work, 'logs');
		fs.mkdirSync(this.logDir, { recursive: true });
		/** name -> the running instance: { name, instance, child, log, exited } */
		this.running = new Map();
		/** every instance ever started: { name, instance, log } */
		this.instances = [];
		this.mainUrl = undefined;
	}

	userFolder(name) {
		return path.join(this.work, name);
	}

	/** Starts `n8n start` (name 'main') or `n8n worker` and waits until it is ready. */
	async start(name) {
		if (this.running.has(name)) throw new Error(`${name} is already running`);
		const isMain = name === 'main';
		const instance = `${name}#${this.instances.filter((entry) => entry.name === name).length + 1}`;
		const log = path.join(this.logDir, `${instance.replace('#', '-')}.log`);
		const port = isMain ? (this.mainPort ??= await freePort()) : undefined;
		const env = {
			...process.env,
			...this.env,
			N8N_USER_FOLDER: this.userFolder(name),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...(isMain ? { N8N_PORT: String(port) } : {}),
			QUEUE_PROCESS_NAME: instance,
			QUEUE_PROBE_FILE: this.probeFile,
			NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require=${this.probe}`.trim(),
		};
		const out = fs.openSync(log, 'a');
		const child = spawn(process.env.N8N_BIN, [isMain ? 'start' : 'worker'], { env, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		const entry = { name, instance, child, log, exited: undefined };
		child.on('exit', (code, signal) => (entry.exited = { code, signal }));
		this.running.set(name, entry);
		this.instances.push({ name, instance, log });
		const detail = () => `${instance} log:\n${this.tail(log)}`;
		const alive = () => {
			if (entry.exited) throw new Error(`${instance} exited (${entry.exited.code ?? entry.exited.signal}) while starting. ${detail()}`);
		};
		if (isMain) {
			this.mainUrl = `http://127.0.0.1:${port}`;
			await waitFor(`${instance} ready`, async () => (alive(), await this.answers(`${this.mainUrl}/healthz/readiness`)), { timeoutMs: 120_000, detail });
		} else {
			await waitFor(`${instance} ready`, () => (alive(), this.logText(log).includes('n8n worker is now ready')), { timeoutMs: 120_000, detail });
		}
		return instance;
	}

	async answers(url) {
		try {
			return (await fetch(url)).ok;
		} catch {
			return false;
		}
	}

	/**
	 * Stops a process: SIGTERM, then SIGKILL when it is still there after `graceMs`.
	 * Returns { instance, killed, exit, ms }.
	 */
	async stop(name, { graceMs = 30_000 } = {}) {
		const entry = this.running.get(name);
		if (!entry) throw new Error(`${name} is not running`);
		const started = Date.now();
		const exited = () => entry.exited;
		if (!entry.exited) entry.child.kill('SIGTERM');
		let killed = false;
		try {
			await waitFor(`${entry.instance} stopped`, exited, { timeoutMs: graceMs });
		} catch {
			killed = true;
			entry.child.kill('SIGKILL');
			await waitFor(`${entry.instance} killed`, exited, { timeoutMs: 10_000 });
		}
		this.running.delete(name);
		return { instance: entry.instance, killed, exit: entry.exited, ms: Date.now() - started };
	}

	async stopAll() {
		await Promise.all([...this.running.keys()].map((name) => this.stop(name).catch(() => undefined)));
	}

	logText(log) {
		try {
			return fs.readFileSync(log, 'utf8');
		} catch {
			return '';
		}
	}

	tail(log, lines = 30) {
		return this.logText(log).trim().split('\n').slice(-lines).join('\n');
	}

	/** executionId -> [instances whose log says "Worker started execution <id>"] (main included, should it ever). */
	executionRunners() {
		const runners = new Map();
		for (const { instance, log } of this.instances) {
			for (const match of this.logText(log).matchAll(/Worker started execution (\d+)/g)) {
				const id = Number(match[1]);
				runners.set(id, [...(runners.get(id) ?? []), instance]);
			}
		}
		return runners;
	}

	/** Lines of every instance's log matching `pattern`, prefixed with the instance. */
	grep(pattern) {
		return this.instances.flatMap(({ instance, log }) =>
			this.logText(log).split('\n').filter((line) => pattern.test(line)).map((line) => `${instance}: ${line.trim()}`),
		);
	}
}

module.exports = { Cluster, waitFor, freePort, sleep };
