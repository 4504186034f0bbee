#!/usr/bin/env node
'use strict';
// Imports the example workflows (examples/*.json, as shipped) into a real n8n with its CLI and
// runs each against the Graph sandbox's demo tenant, then checks the sandbox's directory: what the
// workflow was meant to change, and that it changed nothing else.
// The sandbox runs in this process, so the checks read its store directly while n8n runs as a
// child process. Prints one PASS/FAIL line a case and `Examples: N passed, M failed`.
// Usage: node test/examples/run.js   (env: N8N_BIN and the N8N_* variables of test/e2e/n8n-env.sh,
// with this package installed in N8N_USER_FOLDER; run by test/examples/run.sh and test/e2e/run.sh)
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { cli, execute } = require('../e2e/cli');
const { startSandbox } = require('../sandbox');
const { SKU_IDS } = require('../sandbox/seed');
const { governanceOf } = require('../sandbox/governance');

const root = path.resolve(__dirname, '../..');
const examplesDir = path.join(root, 'examples');

/** The credential the examples name: n8n's import links a node to it by type and name. */
const CREDENTIAL_NAME = 'Microsoft Entra ID (App-Only) API account';

/** The JSON of the items a node returned (all its runs), failing on a node error. */
function outputOf(run, nodeName) {
	const tasks = run.data.resultData.runData[nodeName];
	assert.ok(tasks?.length, `node "${nodeName}" did not run`);
	for (const task of tasks) assert.equal(task.error, undefined, `node "${nodeName}" failed: ${task.error?.message} ${task.error?.description ?? ''}`);
	return tasks.flatMap((task) => (task.data?.main?.[0] ?? []).map((item) => item.json));
}

/** The value of a field of the example's Set node: the tests read the same values a user edits. */
function setValue(workflow, nodeName, field) {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	const assignment = node?.parameters.assignments.assignments.find((entry) => entry.name === field);
	assert.ok(assignment, `the example has no field ${field} in node "${nodeName}"`);
	return assignment.value;
}

const groupByName = (store, name) => {
	const group = store.listGroups().find((candidate) => candidate.displayName === name);
	assert.ok(group, `the sandbox has no group "${name}"`);
	return group;
};
const groupNames = (store, userId) => [...store.memberOf(userId)].map((id) => store.getGroup(id)?.displayName).filter(Boolean).sort();
const licenseIds = (user) => (user.assignedLicenses ?? []).map((license) => license.skuId).sort();
const sorted = (values) => [...values].sort();

/** Every user, with what the examples may change, to compare before and after a run. */
function snapshot(store) {
	return new Map(
		store.listUsers().map((user) => [
			user.id,
			JSON.stringify({
				enabled: user.accountEnabled,
				department: user.department,
				jobTitle: user.jobTitle,
				manager: store.managerOf(user.id) ?? null,
				groups: sorted(store.memberOf(user.id)),
				licenses: licenseIds(user),
				sessions: user.signInSessionsValidFromDateTime ?? null,
			}),
		]),
	);
}

/** The users whose state differs between two snapshots (new users included). */
function changedUsers(before, after) {
	return [...after.keys()].filter((id) => before.get(id) !== after.get(id));
}

const CASES = [
	{
		file: 'joiner.json',
		title: 'Joiner: the new hire exists with manager, groups and license, and no password anywhere in the run',
		check(run, { store, workflow, changed }) {
			const value = (field) => setValue(workflow, 'New hire', field);
			const upn = `${value('mailNickname')}@${value('domain')}`;
			const user = store.getUser(upn);
			assert.ok(user, `no user ${upn} after the run`);
			assert.equal(user.accountEnabled, true);
			assert.equal(user.displayName, value('displayName'));
			assert.equal(user.department, value('department'));
			assert.equal(user.usageLocation, value('usageLocation'));
			assert.equal(store.getUser(store.managerOf(user.id))?.userPrincipalName, value('managerUpn'));
			const groups = value('groups').split(',').map((name) => name.trim());
			assert.deepEqual(groupNames(store, user.id), sorted(groups));
			assert.deepEqual(licenseIds(user), [value('licenseSkuId')]);
			assert.equal(value('licenseSkuId'), SKU_IDS.E3);
			// Only the new user changed: setting a manager does not touch the manager's own record.
			assert.deepEqual(changed, [user.id]);
			assert.equal(outputOf(run, 'Add to groups').length, groups.length);
			assert.deepEqual(outputOf(run, 'Assign license').map((item) => item.id), [user.id]);
			assert.doesNotMatch(JSON.stringify(run.data.resultData.runData), /passwordProfile|"password"/);
			return `${upn}: manager ${value('managerUpn')}, groups ${groups.join(' + ')}, license E3`;
		},
	},
	{
		file: 'mover.json',
		title: 'Mover: department and title changed, old department group swapped for the new one, other groups kept',
		before({ store, workflow }) {
			const user = store.getUser(setValue(workflow, 'Move', 'userPrincipalName'));
			return { user: { ...user }, groups: groupNames(store, user.id) };
		},
		check(run, { store, workflow, changed, prepared }) {
			const value = (field) => setValue(workflow, 'Move', field);
			const user = store.getUser(value('userPrincipalName'));
			const oldGroup = `${value('groupPrefix')}${prepared.user.department.replace(/ /g, '')}`;
			const newGroup = `${value('groupPrefix')}${value('newDepartment').replace(/ /g, '')}`;
			assert.notEqual(oldGroup, newGroup, 'the example must move between two departments');
			assert.ok(prepared.groups.includes(oldGroup) && !prepared.groups.includes(newGroup), `precondition: ${prepared.groups.join(', ')}`);
			assert.equal(user.department, value('newDepartment'));
			assert.equal(user.jobTitle, value('newJobTitle'));
			const expected = sorted([...prepared.groups.filter((name) => name !== oldGroup), newGroup]);
			assert.deepEqual(groupNames(store, user.id), expected);
			assert.deepEqual(changed, [user.id]);
			assert.deepEqual(outputOf(run, 'Remove from old group'), [{ groupId: groupByName(store, oldGroup).id, memberId: user.id, removed: true }]);
			assert.deepEqual(outputOf(run, 'Add to new group'), [{ groupId: groupByName(store, newGroup).id, memberId: user.id, added: true }]);
			return `${user.userPrincipalName}: ${prepared.user.department} -> ${user.department}, ${oldGroup} -> ${newGroup}`;
		},
	},
	{
		file: 'leaver.json',
		title: 'Leaver: disabled, sessions revoked, out of every group, no license left',
		before({ store, workflow }) {
			const user = store.getUser(setValue(workflow, 'Leaver', 'userPrincipalName'));
			return { user: { ...user }, groups: groupNames(store, user.id), startedAt: new Date().toISOString() };
		},
		check(run, { store, workflow, changed, prepared }) {
			const user = store.getUser(setValue(workflow, 'Leaver', 'userPrincipalName'));
			assert.ok(prepared.user.accountEnabled && prepared.groups.length >= 2 && licenseIds(prepared.user).length >= 1, 'precondition: an enabled user with groups and licenses');
			assert.equal(user.accountEnabled, false);
			assert.ok(user.signInSessionsValidFromDateTime >= prepared.startedAt, `sessions not revoked: ${user.signInSessionsValidFromDateTime}`);
			assert.deepEqual(groupNames(store, user.id), []);
			assert.deepEqual(licenseIds(user), []);
			assert.deepEqual(changed, [user.id]);
			assert.equal(outputOf(run, 'Remove from group').length, prepared.groups.length);
			assert.equal(outputOf(run, 'Remove license').length, licenseIds(prepared.user).length);
			return `${user.userPrincipalName}: disabled, sessions revoked, removed from ${prepared.groups.length} groups and ${licenseIds(prepared.user).length} licenses`;
		},
	},
	{
		file: 'leaver.json',
		title: 'Leaver in a dynamic group: that membership is left to its rule, every other one removed, the run succeeds',
		// The same workflow with another user in its Set node: one the dynamic "Sales (dynamic)" group holds.
		variant(workflow, store) {
			const dynamic = groupByName(store, 'Sales (dynamic)');
			const user = store.membersOf(dynamic.id).map((id) => store.getUser(id)).find((candidate) =>
				candidate.accountEnabled && licenseIds(candidate).length > 0 && store.memberOf(candidate.id).length >= 3);
			const copy = structuredClone(workflow);
			copy.id = 'EntraExampleLeaverDy';
			copy.nodes.find((node) => node.name === 'Leaver').parameters.assignments.assignments[0].value = user.userPrincipalName;
			return copy;
		},
		before({ store, workflow }) {
			const user = store.getUser(setValue(workflow, 'Leaver', 'userPrincipalName'));
			return { groups: groupNames(store, user.id) };
		},
		check(run, { store, workflow, changed, prepared }) {
			const user = store.getUser(setValue(workflow, 'Leaver', 'userPrincipalName'));
			assert.ok(prepared.groups.includes('Sales (dynamic)'), `precondition: ${prepared.groups.join(', ')}`);
			assert.equal(user.accountEnabled, false);
			assert.deepEqual(groupNames(store, user.id), ['Sales (dynamic)']);
			assert.deepEqual(licenseIds(user), []);
			assert.deepEqual(changed, [user.id]);
			assert.equal(outputOf(run, 'Remove from group').length, prepared.groups.length - 1);
			return `${user.userPrincipalName}: removed from ${prepared.groups.length - 1} groups, Sales (dynamic) left to its rule`;
		},
	},
	{
		file: 'offboard.json',
		title: 'Offboard, as shipped (dry run): a report per leaver with every step planned, nothing changed',
		check(run, { changed }) {
			const reports = outputOf(run, 'Report');
			assert.deepEqual(reports.map((report) => report.userPrincipalName), ['christie.gray@contoso.com', 'johanna.garcia@contoso.com']);
			for (const report of reports) {
				assert.equal(report.dryRun, true);
				assert.match(report.steps, /^disable: planned, revokeSessions: planned, removeGroups: planned, removeLicenses: planned/);
			}
			assert.deepEqual(changed, []);
			return `${reports.length} leavers planned, nothing written`;
		},
	},
	{
		file: 'offboard.json',
		title: 'Offboard with dryRun off: both leavers disabled, out of their groups, unlicensed, without a manager',
		variant(workflow) {
			const copy = structuredClone(workflow);
			copy.id = 'EntraExampleOffboardRun';
			copy.nodes.find((node) => node.name === 'Leavers').parameters.assignments.assignments.find((entry) => entry.name === 'dryRun').value = false;
			return copy;
		},
		check(run, { store, changed }) {
			const users = ['christie.gray@contoso.com', 'johanna.garcia@contoso.com'].map((upn) => store.getUser(upn));
			for (const user of users) {
				assert.equal(user.accountEnabled, false);
				assert.deepEqual(groupNames(store, user.id), []);
				assert.deepEqual(licenseIds(user), []);
				assert.equal(store.managerOf(user.id), undefined);
			}
			assert.deepEqual(sorted(changed), sorted(users.map((user) => user.id)));
			assert.ok(outputOf(run, 'Report').every((report) => report.complete === true && report.dryRun === false));
			return `${users.map((user) => user.userPrincipalName).join(', ')}: offboarded`;
		},
	},
	{
		file: 'access-review.json',
		title: 'Access review: one row per privileged group and user, nested members included, exactly those',
		check(run, { store, workflow, changed }) {
			const names = setValue(workflow, 'Privileged groups', 'groups').split(',').map((name) => name.trim());
			const expected = names.flatMap((name) => {
				const group = groupByName(store, name);
				const users = [...store.transitiveMembers(group.id)].map((id) => store.getUser(id)).filter(Boolean);
				return users.map((user) => `${name} | ${user.userPrincipalName} | ${user.accountEnabled !== false}`);
			});
			const rows = outputOf(run, 'Review rows').map((row) => `${row.group} | ${row.userPrincipalName} | ${row.accountEnabled}`);
			assert.deepEqual(sorted(rows), sorted(expected));
			// Leadership holds All Managers as a nested group: the review must reach through it.
			const direct = names.flatMap((name) => [...store.membersOf(groupByName(store, name).id)].filter((id) => store.getUser(id)));
			assert.ok(rows.length > direct.length, 'no nested member was listed');
			assert.deepEqual(changed, []);
			return `${rows.length} rows for ${names.join(' + ')} (${direct.length} direct members)`;
		},
	},
	{
		file: 'stale-accounts.json',
		title: 'Stale accounts: one row per enabled account without a successful sign-in for the days set, never signed in included',
		check(run, { store, workflow, changed }) {
			const days = setValue(workflow, 'Report settings', 'days');
			const cutoff = Date.now() - days * 86_400_000;
			const lastSignIn = (user) => Date.parse(user.signInActivity?.lastSuccessfulSignInDateTime ?? user.signInActivity?.lastSignInDateTime ?? '');
			const expected = store.listUsers().filter((user) => user.accountEnabled !== false && !(lastSignIn(user) > cutoff));
			const rows = outputOf(run, 'Report rows');
			assert.deepEqual(sorted(rows.map((row) => row.userId)), sorted(expected.map((user) => user.id)));
			assert.ok(rows.some((row) => row.daysInactive === 'never signed in'), 'no account that never signed in');
			assert.deepEqual(changed, []);
			return `${rows.length} stale accounts of ${store.listUsers().length}`;
		},
	},
	{
		file: 'expiring-secrets.json',
		title: 'Expiring secrets: one alert per application secret or certificate ending within the days set, expired ones included',
		check(run, { store, workflow, changed }) {
			const days = setValue(workflow, 'Alert settings', 'days');
			const horizon = Date.now() + days * 86_400_000;
			const expected = governanceOf(store).applications.flatMap((app) =>
				[...app.passwordCredentials, ...app.keyCredentials].filter((credential) => Date.parse(credential.endDateTime) <= horizon).map((credential) => credential.keyId),
			);
			const alerts = outputOf(run, 'Alert text');
			assert.ok(expected.length > 0, 'precondition: the demo tenant has credentials ending soon');
			assert.deepEqual(sorted(alerts.map((alert) => alert.keyId)), sorted(expected));
			assert.match(alerts[0].alert, /^(EXPIRED|Expires in -?\d+ days:) App \d+ (client secret|certificate) "/);
			assert.deepEqual(changed, []);
			return `${alerts.length} alerts, first: ${alerts[0].alert}`;
		},
	},
	{
		file: 'guest-onboarding.json',
		title: 'Guest onboarding: the guest exists with its display name and sponsor, the invitation output and the sponsors read back',
		check(run, { store, workflow, changed }) {
			const value = (field) => setValue(workflow, 'Guest', field);
			const guest = store.listUsers().find((user) => user.mail === value('email'));
			assert.ok(guest, `no guest ${value('email')} after the run`);
			assert.equal(guest.userType, 'Guest');
			assert.equal(guest.displayName, value('displayName'));
			const sponsor = store.getUser(value('sponsorUpn'));
			assert.deepEqual(governanceOf(store).sponsors.get(guest.id), [sponsor.id]);
			const [invited] = outputOf(run, 'Invite guest');
			assert.deepEqual({ ...invited, inviteRedeemUrl: typeof invited.inviteRedeemUrl }, { id: guest.id, email: value('email'), inviteRedeemUrl: 'string', status: 'PendingAcceptance', sponsorIds: [sponsor.id] });
			assert.deepEqual(outputOf(run, 'Sponsors').map((item) => item.id), [sponsor.id]);
			assert.deepEqual(changed, [guest.id]);
			return `${guest.userPrincipalName}, sponsor ${sponsor.userPrincipalName}`;
		},
	},
];

function credentials(sb) {
	return [
		{
			id: 'ExampleAppOnly0001',
			name: CREDENTIAL_NAME,
			type: 'entraIdAppOnlyApi',
			data: {
				authMethod: 'clientSecret',
				tenantId: sb.tenantId,
				clientId: sb.auth.app.clientId,
				clientSecret: sb.auth.app.clientSecret,
				cloud: 'custom',
				customGraphUrl: sb.graphUrl,
				customLoginUrl: sb.loginUrl,
			},
		},
	];
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-examples-'));
	const sb = await startSandbox({ seed: 'demo' });
	let passed = 0;
	let failed = 0;
	try {
		fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials(sb)), { mode: 0o600 });
		const importDir = path.join(work, 'workflows');
		fs.mkdirSync(importDir);
		const workflows = CASES.map((testCase, index) => {
			const shipped = JSON.parse(fs.readFileSync(path.join(examplesDir, testCase.file), 'utf8'));
			const workflow = testCase.variant ? testCase.variant(shipped, sb.store) : shipped;
			fs.writeFileSync(path.join(importDir, `${index}-${testCase.file}`), JSON.stringify(workflow));
			return workflow;
		});
		await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		await cli(['import:workflow', '--separate', `--input=${importDir}`]);
		for (const [index, testCase] of CASES.entries()) {
			const started = Date.now();
			const workflow = workflows[index];
			try {
				const prepared = testCase.before?.({ store: sb.store, workflow });
				const before = snapshot(sb.store);
				const run = await execute(workflow.id);
				const changed = changedUsers(before, snapshot(sb.store));
				const detail = testCase.check(run, { store: sb.store, workflow, changed, prepared });
				passed++;
				console.log(`PASS ${testCase.title} (${testCase.file}, ${((Date.now() - started) / 1000).toFixed(1)} s): ${detail}`);
			} catch (error) {
				failed++;
				console.log(`FAIL ${testCase.title} (${testCase.file}): ${error.message}`);
			}
		}
	} finally {
		await sb.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
	console.log(`Examples: ${passed} passed, ${failed} failed`);
	process.exitCode = failed || passed !== CASES.length ? 1 : 0;
}

// The queue-mode test (test/queue) runs the same cases on n8n's workers.
module.exports = { CASES, CREDENTIAL_NAME, credentials, snapshot, changedUsers };

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		console.log('Examples: 0 passed, 1 failed');
		process.exit(1);
	});
}
