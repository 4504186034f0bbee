'use strict';
// Data behind the guest, role, Identity Protection and application endpoints, kept beside the
// store (one set per store) so store.js stays the directory core. Their schemas join the shared
// `schemas` registry, so routes page, select and filter them with the same OData code as users.
const { randomUUID } = require('node:crypto');
const { GraphError, unsupportedQuery } = require('./errors');
const { createRng } = require('./random');
const { schemas } = require('./schema');
const { TYPE } = require('./store');

const eq = { eq: 'default', in: 'default' };
const range = { eq: 'default', range: 'default' };

function schema(type, set, props, defaults, filter) {
	return { type, resource: type[0].toUpperCase() + type.slice(1), set, props, subProps: {}, defaults, readOnly: Object.keys(props), filter, orderby: {}, search: [] };
}

const credentialProps = { passwordCredentials: '[o]', keyCredentials: '[o]' };
Object.assign(schemas, {
	unifiedRoleDefinition: schema(
		'unifiedRoleDefinition',
		'roleManagement/directory/roleDefinitions',
		{ id: 's', description: 's', displayName: 's', isBuiltIn: 'b', isEnabled: 'b', resourceScopes: '[s]', templateId: 's', version: 's', rolePermissions: '[o]' },
		['id', 'description', 'displayName', 'isBuiltIn', 'isEnabled', 'resourceScopes', 'templateId', 'version', 'rolePermissions'],
		{ id: eq, displayName: { eq: 'default', sw: 'default' }, isBuiltIn: eq, templateId: eq },
	),
	unifiedRoleAssignment: schema(
		'unifiedRoleAssignment',
		'roleManagement/directory/roleAssignments',
		{ id: 's', principalId: 's', roleDefinitionId: 's', directoryScopeId: 's', appScopeId: 's', condition: 's' },
		['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition'],
		{ id: eq, principalId: eq, roleDefinitionId: eq, directoryScopeId: eq, appScopeId: eq },
	),
	riskyUser: schema(
		'riskyUser',
		'identityProtection/riskyUsers',
		{ id: 's', isDeleted: 'b', isProcessing: 'b', riskDetail: 's', riskLastUpdatedDateTime: 'd', riskLevel: 's', riskState: 's', userDisplayName: 's', userPrincipalName: 's' },
		['id', 'isDeleted', 'isProcessing', 'riskLastUpdatedDateTime', 'riskLevel', 'riskState', 'riskDetail', 'userDisplayName', 'userPrincipalName'],
		{ riskLevel: eq, riskState: eq, riskDetail: eq, isDeleted: eq, userPrincipalName: { eq: 'default', sw: 'default' }, riskLastUpdatedDateTime: range },
	),
	application: schema(
		'application',
		'applications',
		{ id: 's', appId: 's', displayName: 's', createdDateTime: 'd', signInAudience: 's', ...credentialProps },
		['id', 'appId', 'createdDateTime', 'displayName', 'signInAudience', 'keyCredentials', 'passwordCredentials'],
		{ id: eq, appId: eq, displayName: { eq: 'default', sw: 'default' } },
	),
	servicePrincipal: schema(
		'servicePrincipal',
		'servicePrincipals',
		{ id: 's', appId: 's', displayName: 's', appDisplayName: 's', accountEnabled: 'b', servicePrincipalType: 's', ...credentialProps },
		['id', 'accountEnabled', 'appDisplayName', 'appId', 'displayName', 'servicePrincipalType', 'keyCredentials', 'passwordCredentials'],
		{ id: eq, appId: eq, displayName: { eq: 'default', sw: 'default' } },
	),
});

/** Some built-in roles, with their real template IDs (a built-in role's id is its template id). */
const BUILT_IN_ROLES = [
	['62e90394-69f5-4237-9190-012177145e10', 'Global Administrator'],
	['fe930be7-5e62-47db-91af-98c3a49a38b1', 'User Administrator'],
	['729827e3-9c14-49f7-bb1b-9608f156bbb8', 'Helpdesk Administrator'],
	['fdd7a751-b60b-444a-984c-02652fe8fa1c', 'Groups Administrator'],
	['194ae4cb-b126-40b2-bd5b-6091b380977d', 'Security Administrator'],
	['5d6b6bb7-de71-4623-b4af-96380a352509', 'Security Reader'],
	['f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'Global Reader'],
	['e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator'],
	['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'Application Administrator'],
	['4a5d8f65-41da-4de4-8968-e035b65339cf', 'Reports Reader'],
	['c4e39bd9-1100-46d3-8c65-fb160da0071f', 'Authentication Administrator'],
	['4d6ac14f-3453-41d0-bef9-a3e0c569773a', 'License Administrator'],
	['95e79109-95c0-4d8e-aee3-d01accf2d47b', 'Guest Inviter'],
];

const typed = (type, record) => Object.assign(record, { [TYPE]: type });
const DAY = 86_400_000;
const isoIn = (days, now = Date.now()) => new Date(now + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

const tenants = new WeakMap();

/**
 * The governance data of a store: sponsors (userId -> ids), role definitions and assignments,
 * risky users, applications and service principals, invitations sent, the tenant's licences
 * (`licences.entraIdP1/P2`, both on) and Identity Protection's limit (`identityProtection`).
 */
function governanceOf(store) {
	if (!tenants.has(store)) tenants.set(store, createGovernance(store));
	return tenants.get(store);
}

function createGovernance(store) {
	const rng = createRng(`governance:${store.tenantId}`);
	const gov = {
		sponsors: new Map(),
		roleDefinitions: BUILT_IN_ROLES.map(([id, displayName]) =>
			typed('unifiedRoleDefinition', { id, templateId: id, displayName, description: `Built-in role ${displayName}.`, isBuiltIn: true, isEnabled: true, resourceScopes: ['/'], version: '1', rolePermissions: [] }),
		),
		roleAssignments: new Map(),
		riskyUsers: new Map(),
		applications: [],
		servicePrincipals: [],
		invitations: [],
		licences: { entraIdP1: true, entraIdP2: true },
		// One request a second per tenant; `refused` counts the 429s it answered. ratePerSecond 0 turns it off.
		identityProtection: { ratePerSecond: 1, lastAt: 0, refused: 0, accepted: 0 },
	};
	// A few members at risk, and a few apps with credentials expiring around now, for demos and tests.
	const members = store.listUsers().filter((user) => user.userType === 'Member');
	members.slice(-6).forEach((user, index) => addRiskyUser(gov, user, ['low', 'medium', 'high'][index % 3]));
	seedApplications(gov, 6, rng);
	return gov;
}

function addRiskyUser(gov, user, riskLevel, riskState = 'atRisk') {
	const record = typed('riskyUser', {
		id: user.id,
		isDeleted: false,
		isProcessing: false,
		riskLevel,
		riskState,
		riskDetail: 'none',
		riskLastUpdatedDateTime: isoIn(0),
		userDisplayName: user.displayName,
		userPrincipalName: user.userPrincipalName,
	});
	gov.riskyUsers.set(user.id, record);
	return record;
}

/** Adds an application (or, with 'servicePrincipals', a service principal) as given. */
function addApplication(gov, record, collection = 'applications') {
	gov[collection].push(typed(collection === 'applications' ? 'application' : 'servicePrincipal', record));
	return record;
}

/** `count` applications (and their service principals), each with secrets and maybe a certificate ending from 60 days ago to two years ahead. */
function seedApplications(gov, count, rng = createRng(`apps:${count}`)) {
	const now = Date.now();
	const credential = (name) => {
		const ends = -60 + rng.int(790);
		return { keyId: rng.guid(), displayName: name, startDateTime: isoIn(ends - 365, now), endDateTime: isoIn(ends, now) };
	};
	for (let i = 0; i < count; i++) {
		const n = gov.applications.length + 1;
		const appId = rng.guid();
		const secrets = Array.from({ length: 1 + rng.int(2) }, (_, s) => ({ ...credential(`secret ${s + 1}`), hint: 'abc', secretText: null }));
		const certificates = rng.chance(0.3) ? [{ ...credential(`CN=app${n}`), type: 'AsymmetricX509Cert', usage: 'Verify' }] : [];
		gov.applications.push(typed('application', { id: rng.guid(), appId, displayName: `App ${n}`, createdDateTime: isoIn(-400, now), signInAudience: 'AzureADMyOrg', passwordCredentials: secrets, keyCredentials: certificates }));
		const signing = rng.chance(0.2) ? [{ ...credential(`CN=saml${n}`), type: 'AsymmetricX509Cert', usage: 'Sign' }] : [];
		gov.servicePrincipals.push(typed('servicePrincipal', { id: rng.guid(), appId, displayName: `App ${n}`, appDisplayName: `App ${n}`, accountEnabled: true, servicePrincipalType: 'Application', passwordCredentials: [], keyCredentials: signing }));
	}
}

/** Sign-in activity for every user, as a tenant with Entra ID P1 records it: `neverShare` of them never signed in. */
function seedSignInActivity(store, { neverShare = 0.1, maxDaysAgo = 365 } = {}) {
	const rng = createRng(`signins:${store.tenantId}`);
	const now = Date.now();
	for (const user of store.listUsers()) {
		if (rng.chance(neverShare)) {
			delete user.signInActivity;
			continue;
		}
		const last = isoIn(-rng.int(maxDaysAgo), now);
		user.signInActivity = { lastSignInDateTime: last, lastSuccessfulSignInDateTime: last, lastNonInteractiveSignInDateTime: last };
	}
}

/**
 * Graph's signInActivity rules: it needs Entra ID P1 (or P2), and a $filter on it cannot be
 * combined with another property (https://learn.microsoft.com/graph/api/user-list).
 */
function checkSignInActivity(ctx, rawFilter) {
	if (!governanceOf(ctx.store).licences.entraIdP1) {
		throw new GraphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
	}
	if (!/\bsignInActivity\b/i.test(rawFilter)) return;
	const properties = rawFilter.replace(/'(?:[^']|'')*'/g, "''").match(/[A-Za-z][\w/]*(?=\s+(?:eq|ne|gt|ge|lt|le|in)\b)|(?<=\(\s*)[A-Za-z][\w/]*(?=\s*,)/g) ?? [];
	if (properties.some((name) => !/^signInActivity\//i.test(name))) {
		throw unsupportedQuery('Filtering on signInActivity cannot be combined with filters on other properties.');
	}
}

module.exports = { governanceOf, addRiskyUser, addApplication, seedApplications, seedSignInActivity, checkSignInActivity, isoIn };
