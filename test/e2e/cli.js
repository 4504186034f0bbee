'use strict';
// The n8n CLI as a child process, run asynchronously: a blocking spawnSync would freeze this
// process's event loop for seconds, so its keep-alive sockets to the sandbox go stale (or, where
// the sandbox runs in this process, n8n's requests to it go unanswered).
// Usage: const { runCli, cli, execute } = require('./cli')   (env: N8N_BIN and n8n's N8N_* variables)
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Runs `n8n ARGS`: { status, signal, stdout, stderr }; never rejects on a non-zero exit.
 * stdout goes to a file, not a pipe: n8n prints `execute --rawOutput` through its logger and then
 * calls process.exit(), and on n8n 2.41 a large run's JSON (2,500 users) arrived cut off through a
 * pipe on a loaded machine; a file takes every byte written before the exit.
 */
function runCli(args, { env = process.env, timeout = 180_000 } = {}) {
	return new Promise((resolve, reject) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cli-'));
		const outFile = path.join(dir, 'stdout');
		const out = fs.openSync(outFile, 'w');
		const child = spawn(process.env.N8N_BIN, args, { env, stdio: ['ignore', out, 'pipe'] });
		fs.closeSync(out);
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGTERM'), timeout);
		child.on('error', reject);
		child.on('close', (status, signal) => {
			clearTimeout(timer);
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(dir, { recursive: true, force: true });
			resolve({ status, signal, stdout, stderr });
		});
	});
}

function tail(result, lines = 25) {
	return `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-lines).join('\n');
}

/** Runs `n8n ARGS` and rejects with n8n's own output when it exits non-zero. */
async function cli(args, options) {
	const result = await runCli(args, options);
	if (result.status !== 0) throw new Error(`n8n ${args[0]} exited with ${result.status ?? result.signal}:\n${tail(result)}`);
	return result;
}

/** `n8n execute --id=ID --rawOutput`: the run as JSON, printed between lines "{" and "}" (n8n logs around it). */
async function execute(workflowId, options) {
	const result = await runCli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
	const json = /^\{$[\s\S]*?^\}$/m.exec(result.stdout);
	if (result.status !== 0 || !json) throw new Error(`n8n execute exited with ${result.status ?? result.signal}:\n${tail(result)}`);
	return JSON.parse(json[0]);
}

module.exports = { runCli, cli, execute };
