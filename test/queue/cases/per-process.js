'use strict';
// Requests per process, from the lines probe.js writes in each n8n process, checked against the
// sandbox's own logs (which count every request but cannot tell the processes apart).
const assert = require('node:assert/strict');
const fs = require('node:fs');

function probeLines(file, kind) {
	if (!fs.existsSync(file)) return [];
	return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((line) => line.kind === kind);
}

function countBy(lines, instances) {
	const counts = new Map(instances.map(({ instance }) => [instance, 0]));
	for (const line of lines) counts.set(line.process, (counts.get(line.process) ?? 0) + 1);
	return counts;
}

/**
 * Token requests. The package keeps one MSAL application per credential in each process, so
 * within a token's lifetime (an hour here) each process asks at most once for the one credential
 * the test uses; `users` (main instances that polled, workers that ran Entra ID nodes) exactly once.
 */
function checkTokens({ sb, cluster }, probeFile, users) {
	const issued = sb.auth.tokenLog.filter((entry) => entry.grantType === 'client_credentials');
	assert.ok(issued.every((entry) => entry.status === 200), `refused token requests: ${JSON.stringify(issued.filter((entry) => entry.status !== 200))}`);
	const lines = probeLines(probeFile, 'token');
	assert.equal(lines.length, issued.length, `the processes sent ${lines.length} token requests, the sandbox logged ${issued.length}`);
	const perInstance = countBy(lines, cluster.instances);
	const tooMany = [...perInstance].filter(([, count]) => count > 1);
	assert.deepEqual(tooMany, [], 'a process asked for a token more than once within its lifetime');
	const without = [...users].filter((instance) => perInstance.get(instance) !== 1);
	assert.deepEqual(without, [], 'a process that used the credential has no token request of its own');
	return { perInstance: Object.fromEntries(perInstance), total: issued.length, lifetime: sb.auth.tokenLifetimeSeconds };
}

/** Delta polls (the trigger) come from main's instances only, every one the sandbox answered. */
function checkPolls({ sb, cluster }, probeFile) {
	const answered = sb.log.filter((entry) => /^\/v1\.0\/(users|groups)\/delta$/.test(entry.path));
	const lines = probeLines(probeFile, 'delta');
	assert.equal(lines.length, answered.length, `the processes sent ${lines.length} delta requests, the sandbox logged ${answered.length}`);
	const perInstance = countBy(lines, cluster.instances);
	const elsewhere = [...perInstance].filter(([instance, count]) => count > 0 && !instance.startsWith('main#'));
	assert.deepEqual(elsewhere, [], 'a worker polled Graph for changes');
	return Object.fromEntries([...perInstance].filter(([instance]) => instance.startsWith('main#')));
}

module.exports = { checkTokens, checkPolls };
