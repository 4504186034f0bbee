'use strict';
// /users: list, create, get, update, delete, manager, relationships, licenses, sign-in sessions.
const { badRequest, notFound, invalidValue, requiredValue, missingParameters } = require('../errors');
const { schemas, EXTENSION_ATTRIBUTES } = require('../schema');
const { nowIso } = require('../store');
const shared = require('./shared');
const { checkDirectRemoval } = require('../licensing');

const user = schemas.user;
// mailNickname: ASCII, no spaces and none of @ ( ) \ [ ] " ; : < > , (user-post-users).
const NICKNAME_RE = /^[\x21-\x7e]{1,64}$/;
const NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,]/;
const UPN_RE = /^[A-Za-z0-9'._\-!#^~+&$%*=?{|}`/]+@([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$/;

function checkPassword(password) {
	if (typeof password !== 'string' || password === '') throw requiredValue('passwordProfile.password');
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
	if (password.length < 8 || password.length > 256 || classes < 3) {
		throw badRequest('The specified password does not comply with password complexity requirements. Please provide a different password.');
	}
}

/** The rules Graph applies to user properties on create and update. */
function checkUserProps(ctx, patch, existing) {
	if ('displayName' in patch && (!patch.displayName || patch.displayName.length > 256)) throw invalidValue('displayName', 'User');
	if ('mailNickname' in patch && (!NICKNAME_RE.test(patch.mailNickname ?? '') || NICKNAME_FORBIDDEN.test(patch.mailNickname))) {
		throw invalidValue('mailNickname', 'User');
	}
	if ('userPrincipalName' in patch) {
		const upn = patch.userPrincipalName ?? '';
		if (!UPN_RE.test(upn)) throw invalidValue('userPrincipalName', 'User');
		if (!ctx.store.isVerifiedDomain(upn.split('@')[1])) {
			throw badRequest('The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.');
		}
	}
	if ('accountEnabled' in patch && typeof patch.accountEnabled !== 'boolean') throw invalidValue('accountEnabled', 'User');
	if (patch.usageLocation != null && !/^[A-Z]{2}$/i.test(patch.usageLocation)) throw invalidValue('usageLocation', 'User');
	if (patch.businessPhones && patch.businessPhones.length > 1) throw invalidValue('businessPhones', 'User');
	if (patch.passwordProfile) checkPassword(patch.passwordProfile.password);
	if (patch.onPremisesExtensionAttributes) {
		for (const key of Object.keys(patch.onPremisesExtensionAttributes)) {
			if (!EXTENSION_ATTRIBUTES.includes(key)) {
				throw badRequest(`The property '${key}' does not exist on type 'microsoft.graph.onPremisesExtensionAttributes'. Make sure to only use property names that are defined by the type or mark the type as open type.`, 'BadRequest');
			}
		}
		patch.onPremisesExtensionAttributes = { ...existing?.onPremisesExtensionAttributes, ...patch.onPremisesExtensionAttributes };
	}
	if (patch.mail) {
		const mail = patch.mail.toLowerCase();
		const taken = (r) => r !== existing && (r.mail?.toLowerCase() === mail || (r.proxyAddresses ?? []).some((p) => p.toLowerCase() === `smtp:${mail}`));
		if (ctx.store.listUsers().some(taken) || ctx.store.listGroups().some(taken)) {
			throw badRequest('Another object with the same value for property proxyAddresses already exists.');
		}
	}
}

function createUser(ctx) {
	const body = shared.requireProps(shared.jsonBody(ctx), ['accountEnabled', 'displayName', 'mailNickname', 'passwordProfile', 'userPrincipalName']);
	const patch = shared.writableProps(body, user);
	checkUserProps(ctx, patch);
	const upn = patch.userPrincipalName;
	const record = ctx.store.createUser({
		...patch,
		proxyAddresses: patch.mail ? [`SMTP:${patch.mail}`] : [],
		identities: [{ signInType: 'userPrincipalName', issuer: ctx.store.domains.find((d) => d.isInitial).name, issuerAssignedId: upn }],
		lastPasswordChangeDateTime: nowIso(),
		signInSessionsValidFromDateTime: nowIso(),
	});
	return shared.entityResponse(ctx, record, { set: 'users', status: 201 });
}

function updateUser(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	const patch = shared.writableProps(shared.jsonBody(ctx), user);
	checkUserProps(ctx, patch, record);
	if (patch.mail !== undefined) patch.proxyAddresses = patch.mail ? [`SMTP:${patch.mail}`] : null;
	ctx.store.updateUser(record.id, patch);
	return { status: 204 };
}

function managerResponse(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	const manager = ctx.store.getUser(ctx.store.managerOf(record.id) ?? '');
	if (!manager) throw notFound('manager');
	return shared.entityResponse(ctx, manager, { set: 'directoryObjects', typed: true });
}

function setManager(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	const ref = shared.jsonBody(ctx)['@odata.id'];
	const { type, record: manager } = shared.objectById(ctx, shared.idFromRef(ref));
	if (type !== 'user' || manager.id === record.id) throw invalidValue('manager', 'User');
	ctx.store.setManager(record.id, manager.id);
	return { status: 204 };
}

function removeManager(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	if (!ctx.store.managerOf(record.id)) throw notFound('manager');
	ctx.store.setManager(record.id, null);
	return { status: 204 };
}

function assignLicense(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	const { addLicenses, removeLicenses } = shared.jsonBody(ctx);
	const missing = [addLicenses === undefined && 'addLicenses', removeLicenses === undefined && 'removeLicenses'].filter(Boolean);
	if (missing.length) throw missingParameters('assignLicense', missing);
	if (!Array.isArray(addLicenses) || addLicenses.some((l) => !l || !shared.GUID_RE.test(l.skuId ?? ''))) throw invalidValue('addLicenses', 'User');
	if (!Array.isArray(removeLicenses) || removeLicenses.some((s) => !shared.GUID_RE.test(s ?? ''))) throw invalidValue('removeLicenses', 'User');
	checkDirectRemoval(record, removeLicenses);
	ctx.store.assignLicense(record.id, addLicenses, removeLicenses);
	return shared.entityResponse(ctx, record, { set: 'users' });
}

function licenseDetails(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	const value = (record.assignedLicenses ?? []).map(({ skuId, disabledPlans }) => {
		const sku = ctx.store.getSku(skuId);
		return {
			id: Buffer.from(`${record.id}:${skuId}`).toString('base64url'),
			skuId,
			skuPartNumber: sku.skuPartNumber,
			servicePlans: sku.servicePlans.map((p) => ({ ...p, provisioningStatus: disabledPlans.includes(p.servicePlanId) ? 'Disabled' : p.provisioningStatus })),
		};
	});
	return { status: 200, body: { '@odata.context': `${ctx.base}/$metadata#users('${record.id}')/licenseDetails`, value } };
}

function revokeSignInSessions(ctx, { user: id }) {
	const record = shared.userById(ctx, id);
	ctx.store.updateUser(record.id, { signInSessionsValidFromDateTime: nowIso() });
	ctx.state.auth.revokeRefreshTokens(record.id);
	return { status: 200, body: { '@odata.context': `${ctx.base}/$metadata#Edm.Boolean`, value: true } };
}

const routes = [
	['GET', '/users', (ctx) => shared.listResponse(ctx, { schema: user, load: () => ctx.store.listUsers(), set: 'users' })],
	['GET', '/users/$count', (ctx) => shared.listResponse(ctx, { schema: user, load: () => ctx.store.listUsers(), set: 'users', countOnly: true })],
	['POST', '/users', createUser],
	['GET', '/users/:user', (ctx, p) => shared.entityResponse(ctx, shared.userById(ctx, p.user), { set: 'users' })],
	['PATCH', '/users/:user', updateUser],
	['DELETE', '/users/:user', (ctx, p) => (ctx.store.deleteUser(shared.userById(ctx, p.user).id), { status: 204 })],
	['GET', '/users/:user/manager', managerResponse],
	['PUT', '/users/:user/manager/$ref', setManager],
	['DELETE', '/users/:user/manager/$ref', removeManager],
	['POST', '/users/:user/assignLicense', assignLicense],
	['GET', '/users/:user/licenseDetails', licenseDetails],
	['POST', '/users/:user/revokeSignInSessions', revokeSignInSessions],
];
const userId = (ctx, p) => shared.userById(ctx, p.user).id;
shared.relationship(routes, '/users/:user/memberOf', (ctx, p) => ctx.store.memberOf(userId(ctx, p)));
shared.relationship(routes, '/users/:user/transitiveMemberOf', (ctx, p) => ctx.store.transitiveMemberOf(userId(ctx, p)));
shared.relationship(routes, '/users/:user/directReports', (ctx, p) => ctx.store.directReports(userId(ctx, p)));
shared.relationship(routes, '/users/:user/ownedObjects', (ctx, p) => ctx.store.ownedGroups(userId(ctx, p)));
shared.memberGroupActions(routes, '/users/:user', (ctx, p) => shared.userById(ctx, p.user));

module.exports = routes;
