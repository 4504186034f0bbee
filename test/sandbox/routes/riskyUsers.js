'use strict';
// Identity Protection: /identityProtection/riskyUsers, confirmCompromised and dismiss
// (https://learn.microsoft.com/graph/api/riskyuser-confirmcompromised). It needs Entra ID P2 and
// allows one request a second per tenant, answering more with 429 and no Retry-After
// (https://learn.microsoft.com/graph/throttling-limits#identity-protection-and-conditional-access-service-limits).
const { GraphError, badRequest, invalidId, missingParameters, unsupportedQuery } = require('../errors');
const { governanceOf, addRiskyUser, isoIn } = require('../governance');
const { schemas } = require('../schema');
const shared = require('./shared');

const MAX_USER_IDS = 60;
// riskyuser-list: "The maximum page size with $top is 500 objects."
const MAX_PAGE = 500;

/** The tenant's licence and its one-request-a-second limit, checked for every call (each $batch item too). */
function admit(ctx) {
	const gov = governanceOf(ctx.store);
	if (!gov.licences.entraIdP2) throw new GraphError(403, 'Forbidden', 'Your tenant is not licensed for this feature.');
	const limit = gov.identityProtection;
	const now = Date.now();
	if (limit.ratePerSecond > 0 && now - limit.lastAt < 1000 / limit.ratePerSecond) {
		limit.refused++;
		throw new GraphError(429, 'TooManyRequests', 'Too Many Requests');
	}
	limit.lastAt = now;
	limit.accepted++;
	return gov;
}

const CHANGES = {
	confirmCompromised: { riskLevel: 'high', riskState: 'confirmedCompromised', riskDetail: 'adminConfirmedUserCompromised' },
	dismiss: { riskLevel: 'none', riskState: 'dismissed', riskDetail: 'adminDismissedAllRiskForUser' },
};

function decide(action) {
	return (ctx) => {
		const gov = admit(ctx);
		const { userIds } = shared.jsonBody(ctx);
		if (!Array.isArray(userIds) || userIds.length === 0) throw missingParameters(action, ['userIds']);
		if (userIds.length > MAX_USER_IDS) throw badRequest(`The number of userIds exceeds the maximum of ${MAX_USER_IDS}.`, 'BadRequest');
		for (const id of userIds) if (typeof id !== 'string' || !shared.GUID_RE.test(id)) throw invalidId(String(id));
		for (const id of userIds) {
			const user = ctx.store.getUser(id.toLowerCase());
			if (!user) continue;
			const record = gov.riskyUsers.get(user.id) ?? addRiskyUser(gov, user, 'none', 'none');
			Object.assign(record, CHANGES[action], { riskLastUpdatedDateTime: isoIn(0) });
		}
		return { status: 204 };
	};
}

const set = schemas.riskyUser.set;
module.exports = [
	['GET', '/identityProtection/riskyUsers', (ctx) => {
		const gov = admit(ctx);
		const top = ctx.query.get('$top');
		if (top !== null && !(Number(top) >= 1 && Number(top) <= MAX_PAGE)) {
			throw unsupportedQuery(`Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
		}
		return shared.listResponse(ctx, { schema: schemas.riskyUser, load: () => [...gov.riskyUsers.values()], set, live: () => true });
	}],
	['GET', '/identityProtection/riskyUsers/:id', (ctx, { id }) => {
		const record = admit(ctx).riskyUsers.get(id.toLowerCase());
		if (!record) throw new GraphError(404, 'ResourceNotFound', `Resource '${id}' does not exist.`);
		return shared.entityResponse(ctx, record, { set });
	}],
	['POST', '/identityProtection/riskyUsers/confirmCompromised', decide('confirmCompromised')],
	['POST', '/identityProtection/riskyUsers/dismiss', decide('dismiss')],
];
