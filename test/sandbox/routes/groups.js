'use strict';
// /groups: list, create (with Graph's type rules), get, update (with @odata.bind), delete,
// members and owners ($ref), relationships and member-group checks.
const { randomInt } = require('node:crypto');
const { badRequest, denied, notFound, invalidValue, duplicateLink } = require('../errors');
const { schemas } = require('../schema');
const { nowIso } = require('../store');
const shared = require('./shared');

const group = schemas.group;
const LINK_LIMIT = 20;
const NICKNAME_RE = /^[\x21-\x7e]{1,64}$/;
const NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,]/;
const ROLE_MANAGEMENT = 'RoleManagement.ReadWrite.Directory';

const hasRoleManagement = (ctx) => [...(ctx.principal.roles ?? []), ...(ctx.principal.scopes ?? [])].includes(ROLE_MANAGEMENT);
const typesOf = (record) => record.groupTypes ?? [];

/**
 * Dynamic membership rules, the common subset: user.<property> -eq/-ne/-startsWith/-contains
 * "value" (or true/false), combined with -and / -or and parentheses.
 */
function compileRule(rule) {
	const tokens = rule.match(/\(|\)|"[^"]*"|-?[A-Za-z][\w.]*/g) ?? [];
	let p = 0;
	const fail = () => {
		throw invalidValue('membershipRule', 'Group');
	};
	function or() {
		let left = and();
		while (/^-or$/i.test(tokens[p] ?? '')) {
			p++;
			const a = left;
			const b = and();
			left = (u) => a(u) || b(u);
		}
		return left;
	}
	function and() {
		let left = term();
		while (/^-and$/i.test(tokens[p] ?? '')) {
			p++;
			const a = left;
			const b = term();
			left = (u) => a(u) && b(u);
		}
		return left;
	}
	function term() {
		if (tokens[p] === '(') {
			p++;
			const inner = or();
			if (tokens[p++] !== ')') fail();
			return inner;
		}
		const [path, op, raw] = [tokens[p++], (tokens[p++] ?? '').toLowerCase(), tokens[p++]];
		const match = /^user\.(\w+)$/i.exec(path ?? '');
		const prop = match && Object.keys(schemas.user.props).find((k) => k.toLowerCase() === match[1].toLowerCase());
		if (!prop || raw === undefined) fail();
		const value = raw.startsWith('"') ? raw.slice(1, -1).toLowerCase() : raw.toLowerCase();
		const get = (u) => String(u[prop] ?? 'null').toLowerCase();
		const test = { '-eq': (v) => v === value, '-ne': (v) => v !== value, '-startswith': (v) => v.startsWith(value), '-contains': (v) => v.includes(value), '-notcontains': (v) => !v.includes(value) }[op];
		if (!test) fail();
		return (u) => test(get(u));
	}
	const predicate = or();
	if (p !== tokens.length) fail();
	return predicate;
}

function applyRule(ctx, record) {
	const rule = compileRule(record.membershipRule);
	const wanted = new Set(ctx.store.listUsers().filter(rule).map((u) => u.id));
	for (const id of ctx.store.membersOf(record.id)) if (!wanted.has(id)) ctx.store.removeMember(record.id, id);
	for (const id of wanted) if (!ctx.store.isMember(record.id, id)) ctx.store.addMember(record.id, id);
}

/** Who may be added to a group: Graph refuses dynamic groups, and nesting into M365 or role-assignable groups. */
function checkMemberAdd(ctx, record, member) {
	if (typesOf(record).includes('DynamicMembership')) throw denied();
	if (record.isAssignableToRole && !hasRoleManagement(ctx)) throw denied();
	if (member.type !== 'group') return;
	if (member.record.id === record.id || ctx.store.transitiveMembers(member.record.id).includes(record.id)) {
		throw badRequest('A group cannot be a member of itself, directly or through nested groups.');
	}
	if (typesOf(record).includes('Unified') || record.isAssignableToRole) {
		throw badRequest(`Groups cannot be added as members of a ${record.isAssignableToRole ? 'role-assignable' : 'Microsoft 365'} group.`);
	}
}

function checkOwnerAdd(ctx, record, owner) {
	if (record.isAssignableToRole && !hasRoleManagement(ctx)) throw denied();
	if (owner.type !== 'user') throw invalidValue('owners', 'Group');
}

/** Reads `members@odata.bind` / `owners@odata.bind` into resolved objects, refusing duplicates and unknown ids. */
function readBinds(ctx, body, record) {
	const list = (name) => {
		const urls = body[`${name}@odata.bind`];
		if (urls === undefined) return [];
		if (!Array.isArray(urls)) throw badRequest('Invalid URL format specified in payload.');
		return [...new Set(urls.map(shared.idFromRef))].map((id) => shared.objectById(ctx, id));
	};
	const members = list('members');
	const owners = list('owners');
	if (members.length + owners.length > LINK_LIMIT) throw badRequest(`A resource cannot contain more than ${LINK_LIMIT} link changes.`);
	if (record) {
		if (members.some((m) => ctx.store.isMember(record.id, m.record.id))) throw duplicateLink('members');
		if (owners.some((o) => ctx.store.ownersOf(record.id).includes(o.record.id))) throw duplicateLink('owners');
	}
	return { members, owners };
}

function checkGroupProps(patch, types) {
	if ('displayName' in patch && (!patch.displayName || patch.displayName.length > 256)) throw invalidValue('displayName', 'Group');
	if ('mailNickname' in patch && (!NICKNAME_RE.test(patch.mailNickname ?? '') || NICKNAME_FORBIDDEN.test(patch.mailNickname))) {
		throw invalidValue('mailNickname', 'Group');
	}
	if (types.some((t) => t !== 'Unified' && t !== 'DynamicMembership')) throw invalidValue('groupTypes', 'Group');
	const visibilities = types.includes('Unified') ? ['Public', 'Private', 'HiddenMembership'] : ['Public', 'Private'];
	if (patch.visibility != null && !visibilities.includes(patch.visibility)) throw invalidValue('visibility', 'Group');
	if (patch.membershipRuleProcessingState != null && !['On', 'Paused'].includes(patch.membershipRuleProcessingState)) {
		throw invalidValue('membershipRuleProcessingState', 'Group');
	}
	if (patch.membershipRule) compileRule(patch.membershipRule);
}

function checkNicknameFree(ctx, nickname, self) {
	const address = `smtp:${nickname}@${ctx.store.defaultDomain}`.toLowerCase();
	const taken = (r) => r !== self && (r.proxyAddresses ?? []).some((p) => p.toLowerCase() === address);
	if (ctx.store.listGroups().some(taken) || ctx.store.listUsers().some(taken)) {
		throw badRequest('Another object with the same value for property proxyAddresses already exists.');
	}
}

function createGroup(ctx) {
	const body = shared.requireProps(shared.jsonBody(ctx), ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled']);
	const patch = shared.writableProps(body, group);
	const types = patch.groupTypes ?? [];
	const unified = types.includes('Unified');
	const dynamic = types.includes('DynamicMembership');
	checkGroupProps(patch, types);
	if (patch.mailEnabled && !unified) throw badRequest('Cannot Create a mail-enabled security groups and or distribution list.');
	if (unified && !patch.mailEnabled) throw invalidValue('mailEnabled', 'Group');
	if (!unified && !patch.securityEnabled) throw invalidValue('securityEnabled', 'Group');
	if (dynamic !== Boolean(patch.membershipRule)) throw badRequest('One or more property values specified are invalid.');
	if (patch.isAssignableToRole) {
		if (!hasRoleManagement(ctx)) throw denied();
		if (!patch.securityEnabled || dynamic) throw invalidValue('isAssignableToRole', 'Group');
		if (patch.visibility != null && patch.visibility !== 'Private') throw invalidValue('visibility', 'Group');
	}
	const { members, owners } = readBinds(ctx, body, null);
	const draft = { ...patch, groupTypes: types };
	for (const member of members) checkMemberAdd(ctx, draft, member);
	for (const owner of owners) checkOwnerAdd(ctx, draft, owner);
	const nickname = patch.mailNickname;
	if (unified) checkNicknameFree(ctx, nickname, null);
	const mail = unified ? `${nickname}@${ctx.store.defaultDomain}` : null;
	const ownerIds = owners.map((o) => o.record.id);
	// A delegated caller who names no owner becomes the owner of the Microsoft 365 group it creates.
	if (unified && !ownerIds.length && ctx.principal.type === 'delegated' && ctx.store.getUser(ctx.principal.userId ?? '')) {
		ownerIds.push(ctx.principal.userId);
	}
	const now = nowIso();
	const record = ctx.store.createGroup(
		{
			...draft,
			visibility: patch.visibility ?? (patch.isAssignableToRole ? 'Private' : unified ? 'Public' : null),
			membershipRuleProcessingState: dynamic ? (patch.membershipRuleProcessingState ?? 'On') : null,
			mail,
			proxyAddresses: unified ? [`SMTP:${mail}`] : [],
			renewedDateTime: now,
			creationOptions: [],
			resourceBehaviorOptions: [],
			resourceProvisioningOptions: [],
			securityIdentifier: `S-1-12-1-${randomInt(2 ** 31)}-${randomInt(2 ** 31)}-${randomInt(2 ** 31)}-${randomInt(2 ** 31)}`,
		},
		{ owners: ownerIds, members: members.map((m) => m.record.id) },
	);
	if (dynamic && record.membershipRuleProcessingState === 'On') applyRule(ctx, record);
	return shared.entityResponse(ctx, record, { set: 'groups', status: 201 });
}

function updateGroup(ctx, { group: id }) {
	const record = ctx.body?.['members@odata.bind'] ? groupForMemberAdd(ctx, id) : shared.groupById(ctx, id);
	const body = shared.jsonBody(ctx);
	const patch = shared.writableProps(body, group);
	const types = patch.groupTypes ?? typesOf(record);
	checkGroupProps(patch, types);
	if ('mailEnabled' in patch && patch.mailEnabled !== Boolean(record.mailEnabled)) throw invalidValue('mailEnabled', 'Group');
	if ('isAssignableToRole' in patch && patch.isAssignableToRole !== Boolean(record.isAssignableToRole)) {
		throw badRequest("Property 'isAssignableToRole' is read-only and cannot be set.");
	}
	if (types.includes('Unified') !== typesOf(record).includes('Unified')) throw invalidValue('groupTypes', 'Group');
	const dynamic = types.includes('DynamicMembership');
	const rule = 'membershipRule' in patch ? patch.membershipRule : record.membershipRule;
	if (dynamic !== Boolean(rule)) throw badRequest('One or more property values specified are invalid.');
	if (patch.mailNickname && types.includes('Unified')) checkNicknameFree(ctx, patch.mailNickname, record);
	const { members, owners } = readBinds(ctx, body, record);
	for (const member of members) checkMemberAdd(ctx, { ...record, groupTypes: types }, member);
	for (const owner of owners) checkOwnerAdd(ctx, record, owner);
	if (dynamic && !record.membershipRuleProcessingState) patch.membershipRuleProcessingState = 'On';
	if (!dynamic && record.membershipRuleProcessingState) patch.membershipRuleProcessingState = null;
	if (Object.keys(patch).length) ctx.store.updateGroup(record.id, patch);
	for (const member of members) ctx.store.addMember(record.id, member.record.id);
	for (const owner of owners) ctx.store.addOwner(record.id, owner.record.id);
	if (dynamic && ('membershipRule' in patch || 'groupTypes' in patch) && record.membershipRuleProcessingState === 'On') applyRule(ctx, record);
	return { status: 204 };
}

/**
 * Member adds to a group created moments ago: Graph documents a 400 with this message, not a 404
 * (https://learn.microsoft.com/graph/api/group-post-members, replication note).
 */
function groupForMemberAdd(ctx, id) {
	try {
		return shared.groupById(ctx, id);
	} catch (err) {
		if (err.status === 404 && ctx.store.getGroup(id)) throw badRequest('The source resource object or one of the objects being referenced do not exist.');
		throw err;
	}
}

function addMember(ctx, { group: id }) {
	const record = groupForMemberAdd(ctx, id);
	const member = shared.objectById(ctx, shared.idFromRef(shared.jsonBody(ctx)['@odata.id']));
	checkMemberAdd(ctx, record, member);
	ctx.store.addMember(record.id, member.record.id);
	return { status: 204 };
}

function removeMember(ctx, { group: id, member }) {
	const record = shared.groupById(ctx, id);
	if (typesOf(record).includes('DynamicMembership') || (record.isAssignableToRole && !hasRoleManagement(ctx))) throw denied();
	if (!shared.GUID_RE.test(member) || !ctx.store.isMember(record.id, member)) throw notFound(member);
	checkMembershipMaster(record);
	ctx.store.removeMember(record.id, member);
	return { status: 204 };
}

/** Membership that Graph does not master: on-premises AD (synced groups) or Exchange (mail-enabled security, distribution). */
function checkMembershipMaster(record) {
	if (record.onPremisesSyncEnabled) {
		throw badRequest('Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.');
	}
	if (record.mailEnabled && !typesOf(record).includes('Unified')) throw badRequest('Cannot Update a mail-enabled security groups and or distribution list.');
}

function addOwner(ctx, { group: id }) {
	const record = shared.groupById(ctx, id);
	const owner = shared.objectById(ctx, shared.idFromRef(shared.jsonBody(ctx)['@odata.id']));
	checkOwnerAdd(ctx, record, owner);
	ctx.store.addOwner(record.id, owner.record.id);
	return { status: 204 };
}

function removeOwner(ctx, { group: id, owner }) {
	const record = shared.groupById(ctx, id);
	const owners = ctx.store.ownersOf(record.id);
	if (!owners.includes(owner)) throw notFound(owner);
	if (owners.length === 1) throw badRequest('The group must have at least one owner, hence this owner cannot be removed.');
	ctx.store.removeOwner(record.id, owner);
	return { status: 204 };
}

const groupId = (ctx, p) => shared.groupById(ctx, p.group).id;
const routes = [
	['GET', '/groups', (ctx) => shared.listResponse(ctx, { schema: group, load: () => ctx.store.listGroups(), set: 'groups' })],
	['GET', '/groups/$count', (ctx) => shared.listResponse(ctx, { schema: group, load: () => ctx.store.listGroups(), set: 'groups', countOnly: true })],
	['POST', '/groups', createGroup],
	['GET', '/groups/:group', (ctx, p) => shared.entityResponse(ctx, shared.groupById(ctx, p.group), { set: 'groups' })],
	['PATCH', '/groups/:group', updateGroup],
	['DELETE', '/groups/:group', (ctx, p) => (ctx.store.deleteGroup(groupId(ctx, p)), { status: 204 })],
	['POST', '/groups/:group/members/$ref', addMember],
	['DELETE', '/groups/:group/members/:member/$ref', removeMember],
	['POST', '/groups/:group/owners/$ref', addOwner],
	['DELETE', '/groups/:group/owners/:owner/$ref', removeOwner],
];
shared.relationship(routes, '/groups/:group/members', (ctx, p) => ctx.store.membersOf(groupId(ctx, p)));
shared.relationship(routes, '/groups/:group/transitiveMembers', (ctx, p) => ctx.store.transitiveMembers(groupId(ctx, p)));
shared.relationship(routes, '/groups/:group/owners', (ctx, p) => ctx.store.ownersOf(groupId(ctx, p)));
shared.relationship(routes, '/groups/:group/memberOf', (ctx, p) => ctx.store.memberOf(groupId(ctx, p)));
shared.relationship(routes, '/groups/:group/transitiveMemberOf', (ctx, p) => ctx.store.transitiveMemberOf(groupId(ctx, p)));
shared.memberGroupActions(routes, '/groups/:group', (ctx, p) => shared.groupById(ctx, p.group));

module.exports = routes;
