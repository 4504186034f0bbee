'use strict';
// Graph's identity-and-access throttling model, on when `sb.faults.throttle` is an object
// (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits).
// Token buckets per application + tenant: resource units (3,500 / 5,000 / 8,000 per 10 s by tenant
// size) and writes (3,000 per 150 s); the tenant's writes for all apps (18,000 per 5 min); and
// Identity Protection / Conditional Access (1 request per second per tenant, no Retry-After).
// Every request Graph evaluates is charged, inner $batch requests one by one (the envelope
// itself is not), and a throttled one too: Graph keeps logging usage while it throttles, so a
// client that hammers stays throttled. Usage can reach 1.8 of a limit, as the header's range says.
const { GraphError } = require('./errors');

/** Documented limits; `sb.faults.throttle` overrides any of them (tests shrink the buckets). */
const DEFAULT_THROTTLE = {
	tenantSize: null, // 'S' (under 50 users), 'M' (50-500), 'L' (more); null: from the tenant's users
	resourceUnits: null, // null: 3,500 / 5,000 / 8,000 by tenant size
	resourceUnitWindowSeconds: 10,
	writes: 3000,
	writeWindowSeconds: 150,
	tenantWrites: 18000,
	tenantWriteWindowSeconds: 300,
	identityProtectionPerSecond: 1,
};
const RESOURCE_UNITS_BY_SIZE = { S: 3500, M: 5000, L: 8000 };
const MAX_USAGE = 1.8;
const HEADER_FROM = 0.8;

// Base costs (the table in the page above); `me/` rows apply to `users/{id}/` too. Anything else: 1.
const COSTS = [
	['GET', /^applications$/, 2],
	['GET', /^applications\/[^/]+\/extensionProperties$/, 2],
	['GET', /^contracts$/, 3],
	['POST', /^directoryObjects\/getByIds$/, 3, 0],
	['GET', /^domains\/[^/]+\/domainNameReferences$/, 4],
	['POST', /^getObjectsById$/, 3, 0],
	['GET', /^groups\/[^/]+\/members(\/microsoft\.graph\.\w+)?$/, 3],
	['GET', /^groups\/[^/]+\/transitiveMembers(\/microsoft\.graph\.\w+)?$/, 5],
	['POST', /^(me|users\/[^/]+)\/(checkMemberGroups|checkMemberObjects|isMemberOf)$/, 4, 0],
	['POST', /^(me|users\/[^/]+)\/(getMemberGroups|getMemberObjects)$/, 2, 0],
	['GET', /^(me|users\/[^/]+)\/(licenseDetails|memberOf|ownedObjects|transitiveMemberOf)(\/microsoft\.graph\.\w+)?$/, 2],
	['GET', /^oauth2PermissionGrants(\/[^/]+)?$/, 2],
	['GET', /^servicePrincipals\/[^/]+\/appRoleAssignments$/, 2],
	['GET', /^subscribedSkus$/, 3],
	['GET', /^users$/, 2],
];
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const IDENTITY_PROTECTION = /^(identityProtection|riskyUsers|riskDetections|riskyServicePrincipals|servicePrincipalRiskDetections|identity\/conditionalAccess)(\/|$)/;

/** { resourceUnits, writes } of one request, by the documented table and query modifiers. */
function requestCost(method, path, query) {
	const relative = path.replace(/^\/v1\.0\/?/, '').replace(/\/$/, '');
	const row = COSTS.find(([m, pattern]) => m === method && pattern.test(relative));
	let resourceUnits = row ? row[2] : 1;
	if (query.has('$select')) resourceUnits -= 1;
	if (query.has('$expand')) resourceUnits += 1;
	if (query.has('$top') && Number(query.get('$top')) < 20) resourceUnits -= 1;
	const writes = WRITES.has(method) ? (row?.[3] ?? 1) : 0;
	return { resourceUnits: Math.max(1, resourceUnits), writes, identityProtection: IDENTITY_PROTECTION.test(relative) };
}

/** A token bucket that may go into debt down to -0.8 of its limit (usage 1.8). */
class Bucket {
	constructor(scope, limit, windowSeconds, now) {
		this.scope = scope;
		this.limit = limit;
		this.perMs = limit / (windowSeconds * 1000);
		this.tokens = limit;
		this.at = now;
	}

	refill(now) {
		this.tokens = Math.min(this.limit, this.tokens + (now - this.at) * this.perMs);
		this.at = now;
	}

	usage() {
		return (this.limit - this.tokens) / this.limit;
	}

	/** Seconds until `cost` fits again, rounded up as Retry-After is. */
	retryAfter(cost) {
		return Math.max(1, Math.ceil((cost - this.tokens) / this.perMs / 1000));
	}

	charge(cost) {
		this.tokens = Math.max(this.limit * (1 - MAX_USAGE), this.tokens - cost);
	}
}

function createThrottle() {
	const buckets = new Map();
	const counts = { evaluated: 0, throttled: 0, resourceUnits: 0, writes: 0 };
	let settings;

	let size;
	const bucket = (key, scope, limit, windowSeconds, now) => {
		if (!buckets.has(key)) buckets.set(key, new Bucket(scope, limit, windowSeconds, now));
		return buckets.get(key);
	};

	/**
	 * Charges one evaluated request. Returns the headers for its answer and, when over a limit,
	 * the 429 to answer instead.
	 */
	function evaluate(state, { method, path, query, principal }) {
		const options = { ...DEFAULT_THROTTLE, ...state.faults.throttle };
		const key = JSON.stringify(options);
		if (key !== settings) {
			settings = key;
			buckets.clear();
			size = options.tenantSize ?? sizeOf(state.store.listUsers().length);
		}
		const now = Date.now();
		const tenantId = state.store.tenantId;
		const appId = principal?.appId ?? 'unknown-app';
		const cost = requestCost(method, path, query);
		const ru = options.resourceUnits ?? RESOURCE_UNITS_BY_SIZE[size];
		const scoped = [];
		if (cost.identityProtection) {
			scoped.push([bucket(`ip:${tenantId}`, `Tenant/ReadWrite/${appId}/${tenantId}`, options.identityProtectionPerSecond, 1, now), 1]);
		} else {
			scoped.push([bucket(`ru:${appId}`, `Tenant_Application/ReadWrite/${appId}/${tenantId}`, ru, options.resourceUnitWindowSeconds, now), cost.resourceUnits]);
			if (cost.writes) {
				scoped.push([bucket(`w:${appId}`, `Tenant_Application/Write/${appId}/${tenantId}`, options.writes, options.writeWindowSeconds, now), cost.writes]);
				scoped.push([bucket('tw', `Tenant/Write/${appId}/${tenantId}`, options.tenantWrites, options.tenantWriteWindowSeconds, now), cost.writes]);
			}
		}
		for (const [b] of scoped) b.refill(now);
		const over = scoped.find(([b, c]) => b.tokens < c);
		counts.evaluated++;
		counts.resourceUnits += cost.resourceUnits;
		counts.writes += cost.writes;
		for (const [b, c] of scoped) b.charge(c);
		const usage = Math.max(...scoped.map(([b]) => b.usage()));
		const headers = { 'x-ms-resource-unit': String(cost.resourceUnits) };
		if (usage > HEADER_FROM) headers['x-ms-throttle-limit-percentage'] = usage.toFixed(2);
		if (!over) return { headers };
		counts.throttled++;
		const [b, c] = over;
		const throttledHeaders = { ...headers, 'x-ms-throttle-scope': b.scope, 'x-ms-throttle-information': cost.writes && b.scope.includes('/Write/') ? 'WriteLimitExceeded' : 'ResourceUnitLimitExceeded' };
		// Identity Protection and Conditional Access send no Retry-After (documented).
		if (!cost.identityProtection) throttledHeaders['Retry-After'] = String(b.retryAfter(c));
		const message = `Too many requests from Identifier:${tenantId}+${appId} under category:throttle.aad.ags.msgraph. Please try again later.`;
		return { headers, error: new GraphError(429, 'TooManyRequests', message, throttledHeaders) };
	}

	return {
		evaluate,
		counts,
		reset() {
			settings = undefined;
			buckets.clear();
			for (const key of Object.keys(counts)) counts[key] = 0;
		},
	};
}

const sizeOf = (users) => (users < 50 ? 'S' : users <= 500 ? 'M' : 'L');

module.exports = { createThrottle, requestCost, DEFAULT_THROTTLE };
