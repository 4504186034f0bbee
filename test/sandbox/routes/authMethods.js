'use strict';
// /users/{id}/authentication: the authentication methods API (v1.0), from Graph's documentation:
// - GET …/methods lists every method with its @odata.type; each type has its own collection
//   (phoneMethods, fido2Methods, …) to read and delete one method.
// - The password method cannot be deleted (passwordMethods has no DELETE).
// - Phones: a user can't have an alternateMobile without a mobile, so the mobile goes after it;
//   the user's default MFA method can't be deleted (phoneauthenticationmethod-delete).
// - Temporary Access Pass: one per user, a new one replaces the old; lifetime within the tenant
//   policy (10-43200 minutes; default policy 60-480), one-time use when the policy says so; the
//   pass itself is returned once, by the POST, and read back as null.
const { randomBytes, randomUUID } = require('node:crypto');
const { GraphError, badRequest, methodNotAllowed, segmentNotFound } = require('../errors');
const { nowIso } = require('../store');
const shared = require('./shared');

const PASSWORD_ID = '28c10230-6103-485e-b985-444c60001490';
const EMAIL_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
const PHONE_IDS = { mobile: '3179e48a-750b-4051-897c-87b9720928f7', alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41', office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc' };

/** Collection segment -> the type's name in @odata.type, and whether Graph lets it be deleted. */
const COLLECTIONS = {
	passwordMethods: { type: 'password', deletable: false },
	phoneMethods: { type: 'phone', deletable: true },
	emailMethods: { type: 'email', deletable: true },
	fido2Methods: { type: 'fido2', deletable: true },
	microsoftAuthenticatorMethods: { type: 'microsoftAuthenticator', deletable: true },
	softwareOathMethods: { type: 'softwareOath', deletable: true },
	temporaryAccessPassMethods: { type: 'temporaryAccessPass', deletable: true },
	windowsHelloForBusinessMethods: { type: 'windowsHelloForBusiness', deletable: true },
	platformCredentialMethods: { type: 'platformCredential', deletable: true },
};
const DEFAULT_TAP_POLICY = { state: 'enabled', defaultLifetimeInMinutes: 60, defaultLength: 8, minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: false };

// Per store (one sandbox): userId -> { methods: [{ type, ...props }], defaultMethodId }, and the TAP policy.
const state = new WeakMap();
function tenant(store) {
	if (!state.has(store)) state.set(store, { users: new Map(), tapPolicy: { ...DEFAULT_TAP_POLICY } });
	return state.get(store);
}

/** A user's methods; every user has the password method (Graph lists it for cloud users). */
function userMethods(store, userId) {
	const users = tenant(store).users;
	if (!users.has(userId)) users.set(userId, { methods: [{ type: 'password', id: PASSWORD_ID, password: null, createdDateTime: null }], defaultMethodId: null });
	return users.get(userId);
}

/** For tests and seeds: registers a method as the user would (phones by phoneType, others with generated ids). */
function addMethod(store, userId, method) {
	const entry = userMethods(store, userId);
	const id = method.id ?? (method.type === 'phone' ? PHONE_IDS[method.phoneType] : method.type === 'email' ? EMAIL_ID : ['fido2', 'windowsHelloForBusiness'].includes(method.type) ? randomBytes(24).toString('base64url') : randomUUID());
	if (entry.methods.some((m) => m.id === id)) throw new Error(`method ${id} already registered`);
	const record = { createdDateTime: nowIso(), ...method, id };
	entry.methods.push(record);
	return record;
}

const setDefaultMethod = (store, userId, methodId) => (userMethods(store, userId).defaultMethodId = methodId);
const methodsOf = (store, userId) => userMethods(store, userId).methods;
const tapPolicy = (store) => tenant(store).tapPolicy;

const typeName = (type) => `#microsoft.graph.${type}AuthenticationMethod`;
const itemNotFound = (id) => new GraphError(404, 'itemNotFound', `The requested authentication method '${id}' was not found.`);

function render(method) {
	const { type, ...props } = method;
	return { '@odata.type': typeName(type), ...props, ...(type === 'temporaryAccessPass' ? { temporaryAccessPass: null } : {}) };
}

function collection(segment) {
	const found = Object.entries(COLLECTIONS).find(([name]) => name.toLowerCase() === segment.toLowerCase());
	if (!found) throw segmentNotFound(segment);
	return found[1];
}

const listBody = (ctx, userId, value, set) => ({ '@odata.context': `${ctx.base}/$metadata#users('${userId}')/authentication/${set}`, value });

function listAll(ctx, { user }) {
	const record = shared.userById(ctx, user);
	return { status: 200, body: listBody(ctx, record.id, methodsOf(ctx.store, record.id).map(render), 'methods') };
}

function find(ctx, user, id, type) {
	const record = shared.userById(ctx, user);
	const method = methodsOf(ctx.store, record.id).find((m) => m.id === id && (!type || m.type === type));
	if (!method) throw itemNotFound(id);
	return { record, method };
}

function listOfType(ctx, { user, set }) {
	const { type } = collection(set);
	const record = shared.userById(ctx, user);
	return { status: 200, body: listBody(ctx, record.id, methodsOf(ctx.store, record.id).filter((m) => m.type === type).map(render), set) };
}

const getOne = (ctx, { user, set, id }) => ({ status: 200, body: render(find(ctx, user, id, collection(set).type).method) });
const getAny = (ctx, { user, id }) => ({ status: 200, body: render(find(ctx, user, id).method) });

function deleteOne(ctx, { user, set, id }) {
	const { type, deletable } = collection(set);
	if (!deletable) throw methodNotAllowed();
	const { record, method } = find(ctx, user, id, type);
	const entry = userMethods(ctx.store, record.id);
	if (entry.defaultMethodId === method.id) {
		throw badRequest("This method is the user's default multifactor authentication method and can't be deleted. Have the user change their default method first.", 'badRequest');
	}
	if (type === 'phone' && method.phoneType === 'mobile' && entry.methods.some((m) => m.type === 'phone' && m.phoneType === 'alternateMobile')) {
		throw badRequest("A user can't have an alternateMobile number without a mobile number. Delete the alternateMobile number first.", 'badRequest');
	}
	entry.methods = entry.methods.filter((m) => m !== method);
	return { status: 204 };
}

function createTemporaryAccessPass(ctx, { user }) {
	const record = shared.userById(ctx, user);
	const body = shared.jsonBody(ctx);
	const policy = tapPolicy(ctx.store);
	if (policy.state !== 'enabled') throw badRequest('The Temporary Access Pass authentication method is not enabled in the tenant policy.', 'badRequest');
	const lifetime = body.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
	if (!Number.isInteger(lifetime) || lifetime < policy.minimumLifetimeInMinutes || lifetime > policy.maximumLifetimeInMinutes) {
		throw badRequest(`Invalid LifetimeInMinutes specified. The valid range between ${policy.minimumLifetimeInMinutes} and ${policy.maximumLifetimeInMinutes}.`, 'badRequest');
	}
	const usableOnce = body.isUsableOnce ?? policy.isUsableOnce;
	if (policy.isUsableOnce && usableOnce === false) throw badRequest('The tenant policy allows one-time Temporary Access Passes only.', 'badRequest');
	if (body.startDateTime !== undefined && Number.isNaN(Date.parse(body.startDateTime))) throw badRequest("Cannot convert the literal to the expected type 'Edm.DateTimeOffset'.", 'BadRequest');
	const start = body.startDateTime ? new Date(body.startDateTime) : new Date();
	const pass = randomBytes(policy.defaultLength).toString('base64').slice(0, policy.defaultLength);
	const entry = userMethods(ctx.store, record.id);
	// One pass per user: a new one replaces the old (authentication-post-temporaryaccesspassmethods).
	entry.methods = entry.methods.filter((m) => m.type !== 'temporaryAccessPass');
	const usable = start.getTime() <= Date.now();
	const method = addMethod(ctx.store, record.id, {
		type: 'temporaryAccessPass',
		startDateTime: start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		lifetimeInMinutes: lifetime,
		isUsableOnce: usableOnce,
		isUsable: usable,
		methodUsabilityReason: usable ? 'EnabledByPolicy' : 'NotYetValid',
	});
	return { status: 201, body: { '@odata.context': `${ctx.base}/$metadata#users('${record.id}')/authentication/temporaryAccessPassMethods/$entity`, ...render(method), temporaryAccessPass: pass } };
}

const routes = [
	['GET', '/users/:user/authentication/methods', listAll],
	['GET', '/users/:user/authentication/methods/:id', getAny],
	['GET', '/users/:user/authentication/:set', listOfType],
	['GET', '/users/:user/authentication/:set/:id', getOne],
	['DELETE', '/users/:user/authentication/:set/:id', deleteOne],
	['POST', '/users/:user/authentication/temporaryAccessPassMethods', createTemporaryAccessPass],
];

module.exports = routes;
Object.assign(module.exports, { addMethod, setDefaultMethod, methodsOf, tapPolicy, PASSWORD_ID, PHONE_IDS, EMAIL_ID });
