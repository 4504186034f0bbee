'use strict';
// Group-based licensing, as a user's licenseAssignmentStates shows it: each licence with the
// group it comes from (assignedByGroup), null for a direct assignment. assignLicense cannot
// remove a licence a user only inherits through a group (Graph answers 400).
const { badRequest } = require('./errors');

const inherited = new WeakMap(); // user record -> [{ skuId, groupId }]

/** Gives the user a licence through a group (tests and seeds; Graph does this when the group is licensed). */
function inheritLicense(record, groupId, skuId) {
	if (!inherited.has(record)) {
		inherited.set(record, []);
		Object.defineProperty(record, 'licenseAssignmentStates', { enumerable: false, configurable: true, get: () => assignmentStates(record) });
	}
	inherited.get(record).push({ skuId, groupId });
}

function assignmentStates(record) {
	const state = (skuId, disabledPlans, assignedByGroup) => ({ assignedByGroup, disabledPlans, error: 'None', lastUpdatedDateTime: null, skuId, state: 'Active' });
	const direct = (record.assignedLicenses ?? []).map((l) => state(l.skuId, l.disabledPlans ?? [], null));
	return [...direct, ...(inherited.get(record) ?? []).map((l) => state(l.skuId, [], l.groupId))];
}

/** Refuses removing a licence the user has only through a group. */
function checkDirectRemoval(record, removeLicenses) {
	const direct = new Set((record.assignedLicenses ?? []).map((l) => l.skuId));
	const groupOnly = (inherited.get(record) ?? []).filter((l) => !direct.has(l.skuId)).map((l) => l.skuId);
	if (removeLicenses.some((skuId) => groupOnly.includes(String(skuId).toLowerCase()))) {
		throw badRequest('User license is inherited from a group membership and it cannot be removed directly from the user.');
	}
}

module.exports = { inheritLicense, checkDirectRemoval };
