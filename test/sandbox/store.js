'use strict';
// The in-memory directory: users, groups, links (members, owners, manager), licenses, deleted
// items and a change journal. Records are sparse (only set properties are stored) so a
// 100,000-user tenant stays small; the routes add Graph's nulls when they answer.
// Methods throw GraphErrors for what Graph itself refuses (duplicates, missing objects), so
// tests may call them directly to change the directory behind the package's back.
const { randomUUID } = require('node:crypto');
const { badRequest, notFound, duplicateLink } = require('./errors');

const RETENTION_MS = 30 * 24 * 3600 * 1000;
// Records carry their type under a symbol: invisible to JSON and Object.entries, cheap to read.
const TYPE = Symbol('directoryObjectType');
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const lowerKey = (text) => String(text).toLowerCase();

function sparse(props) {
	const out = {};
	for (const [key, value] of Object.entries(props)) if (value !== null && value !== undefined) out[key] = value;
	return out;
}

/** What a password profile keeps: the flags. Like Entra, the store never keeps the password itself. */
function passwordFlags(profile) {
	const { forceChangePasswordNextSignIn, forceChangePasswordNextSignInWithMfa } = profile ?? {};
	return sparse({ forceChangePasswordNextSignIn, forceChangePasswordNextSignInWithMfa });
}

function addTo(map, key, value) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(value);
}

function removeFrom(map, key, value) {
	const set = map.get(key);
	if (!set) return;
	set.delete(value);
	if (!set.size) map.delete(key);
}

class Store {
	constructor({ tenantId, organization, domains }) {
		this.tenantId = tenantId;
		this.organization = organization;
		this.domains = domains; // [{ name, isDefault, isInitial }]
		this.users = new Map();
		this.groups = new Map();
		this.upnIndex = new Map();
		this.members = new Map(); // groupId -> Set(memberId)
		this.memberOfIndex = new Map(); // objectId -> Set(groupId)
		this.owners = new Map(); // groupId -> Set(ownerId)
		this.ownedIndex = new Map(); // ownerId -> Set(groupId)
		this.managers = new Map(); // userId -> managerId
		this.reports = new Map(); // managerId -> Set(userId)
		this.skus = [];
		this.deleted = new Map(); // id -> { type, record, links }
		this.journal = [];
		this.seq = 0;
		this.watchers = []; // called with each journal entry (change notifications)
		this.bornAt = new Map(); // id -> ms, for the replication-delay fault
	}

	// ------------------------------------------------------------ lookups

	get defaultDomain() {
		return this.domains.find((d) => d.isDefault).name;
	}

	isVerifiedDomain(domain) {
		return this.domains.some((d) => d.name.toLowerCase() === String(domain).toLowerCase());
	}

	/** A user by object id or userPrincipalName (case-insensitive), or undefined. */
	getUser(idOrUpn) {
		return this.users.get(idOrUpn) ?? this.users.get(this.upnIndex.get(lowerKey(idOrUpn)));
	}

	getGroup(id) {
		return this.groups.get(id);
	}

	/** { type: 'user' | 'group', record } of a live object, or undefined. */
	getObject(id) {
		const user = this.users.get(id);
		if (user) return { type: 'user', record: user };
		const group = this.groups.get(id);
		return group ? { type: 'group', record: group } : undefined;
	}

	listUsers() {
		return [...this.users.values()];
	}

	listGroups() {
		return [...this.groups.values()];
	}

	membersOf(groupId) {
		return [...(this.members.get(groupId) ?? [])];
	}

	isMember(groupId, id) {
		return this.members.get(groupId)?.has(id) ?? false;
	}

	memberOf(id) {
		return [...(this.memberOfIndex.get(id) ?? [])];
	}

	ownersOf(groupId) {
		return [...(this.owners.get(groupId) ?? [])];
	}

	ownedGroups(id) {
		return [...(this.ownedIndex.get(id) ?? [])];
	}

	managerOf(userId) {
		return this.managers.get(userId);
	}

	directReports(userId) {
		return [...(this.reports.get(userId) ?? [])];
	}

	/** Group ids the object belongs to, directly or through nested groups. */
	transitiveMemberOf(id) {
		const seen = new Set();
		const queue = this.memberOf(id);
		while (queue.length) {
			const groupId = queue.shift();
			if (seen.has(groupId)) continue;
			seen.add(groupId);
			queue.push(...this.memberOf(groupId));
		}
		return [...seen];
	}

	/** Member ids of a group and of every group nested in it. */
	transitiveMembers(groupId) {
		const seen = new Set();
		const queue = this.membersOf(groupId);
		while (queue.length) {
			const id = queue.shift();
			if (seen.has(id)) continue;
			seen.add(id);
			if (this.groups.has(id)) queue.push(...this.membersOf(id));
		}
		return [...seen];
	}

	/**
	 * Restarts the replication clock of these objects, together, at the first request that looks
	 * any of them up, as if they had all been created just before it: a test meets the lag
	 * whatever time passed before that request.
	 */
	restartReplication(ids) {
		const clock = { at: null };
		for (const id of ids) if (this.bornAt.has(id)) this.bornAt.set(id, clock);
	}

	ageMs(id) {
		const born = this.bornAt.get(id);
		if (born === undefined) return Infinity;
		if (typeof born === 'number') return Date.now() - born;
		born.at ??= Date.now();
		return Date.now() - born.at;
	}

	// ------------------------------------------------------------ journal

	record(objectType, id, kind, changed, memberId) {
		const entry = { seq: ++this.seq, time: nowIso(), objectType, id, kind, changed };
		if (memberId) entry.memberId = memberId;
		this.journal.push(entry);
		// After the change is complete: a watcher may read the store.
		if (this.watchers.length) queueMicrotask(() => this.watchers.forEach((watch) => watch(entry)));
		return entry;
	}

	journalSince(seq) {
		return this.journal.filter((entry) => entry.seq > seq);
	}

	// ------------------------------------------------------------ users

	/** Creates a user. `seed: true` skips the journal and the replication clock (tenant setup). */
	createUser(props, { seed = false } = {}) {
		const record = sparse({ userType: 'Member', createdDateTime: nowIso(), ...props, id: props.id ?? randomUUID() });
		if (record.passwordProfile) record.passwordProfile = passwordFlags(record.passwordProfile);
		record[TYPE] = 'user';
		if (this.upnIndex.has(lowerKey(record.userPrincipalName))) {
			throw badRequest('Another object with the same value for property userPrincipalName already exists.');
		}
		this.users.set(record.id, record);
		this.upnIndex.set(lowerKey(record.userPrincipalName), record.id);
		if (!seed) {
			this.bornAt.set(record.id, Date.now());
			this.record('user', record.id, 'created', Object.keys(record));
		}
		return record;
	}

	updateUser(idOrUpn, patch) {
		const record = this.getUser(idOrUpn);
		if (!record) throw notFound(idOrUpn);
		const upn = patch.userPrincipalName;
		if (upn !== undefined && lowerKey(upn) !== lowerKey(record.userPrincipalName)) {
			if (this.upnIndex.has(lowerKey(upn))) {
				throw badRequest('Another object with the same value for property userPrincipalName already exists.');
			}
			this.upnIndex.delete(lowerKey(record.userPrincipalName));
			this.upnIndex.set(lowerKey(upn), record.id);
		}
		const changed = this.apply(record, patch);
		if (changed.length) this.record('user', record.id, 'updated', changed);
		return record;
	}

	apply(record, patch) {
		const changed = [];
		for (const [key, value] of Object.entries(patch)) {
			if (key === 'passwordProfile') {
				record.passwordProfile = passwordFlags(value);
				record.lastPasswordChangeDateTime = nowIso();
			} else if (value === null || value === undefined) {
				if (!(key in record)) continue;
				delete record[key];
			} else {
				record[key] = value;
			}
			changed.push(key);
		}
		return changed;
	}

	/** Soft-deletes a user: restorable from deleted items for 30 days, links included. */
	deleteUser(idOrUpn) {
		const record = this.getUser(idOrUpn);
		if (!record) throw notFound(idOrUpn);
		const links = this.detach(record.id);
		this.users.delete(record.id);
		this.upnIndex.delete(lowerKey(record.userPrincipalName));
		record.deletedDateTime = nowIso();
		// Entra prefixes a deleted user's UPN with its object id (no dashes), freeing the name.
		links.userPrincipalName = record.userPrincipalName;
		record.userPrincipalName = `${record.id.replace(/-/g, '')}${record.userPrincipalName}`;
		this.deleted.set(record.id, { type: 'user', record, links });
		this.record('user', record.id, 'deleted', []);
	}

	// ------------------------------------------------------------ groups

	createGroup(props, { owners = [], members = [], seed = false } = {}) {
		const record = sparse({ createdDateTime: nowIso(), groupTypes: [], ...props, id: props.id ?? randomUUID() });
		record[TYPE] = 'group';
		this.groups.set(record.id, record);
		if (!seed) {
			this.bornAt.set(record.id, Date.now());
			this.record('group', record.id, 'created', Object.keys(record));
		}
		for (const id of owners) this.addOwner(record.id, id, { seed });
		for (const id of members) this.addMember(record.id, id, { seed });
		return record;
	}

	updateGroup(id, patch) {
		const record = this.groups.get(id);
		if (!record) throw notFound(id);
		const changed = this.apply(record, patch);
		if (changed.length) this.record('group', id, 'updated', changed);
		return record;
	}

	/** Microsoft 365 groups go to deleted items; security groups are deleted for good. */
	deleteGroup(id) {
		const record = this.groups.get(id);
		if (!record) throw notFound(id);
		const links = this.detach(id);
		this.groups.delete(id);
		if ((record.groupTypes ?? []).includes('Unified')) {
			record.deletedDateTime = nowIso();
			this.deleted.set(id, { type: 'group', record, links });
		}
		this.record('group', id, 'deleted', []);
	}

	// ------------------------------------------------------------ links

	addMember(groupId, memberId, { seed = false } = {}) {
		if (!this.groups.has(groupId)) throw notFound(groupId);
		if (!this.getObject(memberId)) throw notFound(memberId);
		if (this.isMember(groupId, memberId)) throw duplicateLink('members');
		addTo(this.members, groupId, memberId);
		addTo(this.memberOfIndex, memberId, groupId);
		if (!seed) this.record('group', groupId, 'memberAdded', ['members'], memberId);
	}

	removeMember(groupId, memberId) {
		if (!this.groups.has(groupId)) throw notFound(groupId);
		if (!this.isMember(groupId, memberId)) throw notFound(memberId);
		removeFrom(this.members, groupId, memberId);
		removeFrom(this.memberOfIndex, memberId, groupId);
		this.record('group', groupId, 'memberRemoved', ['members'], memberId);
	}

	addOwner(groupId, ownerId, { seed = false } = {}) {
		if (!this.groups.has(groupId)) throw notFound(groupId);
		if (!this.getObject(ownerId)) throw notFound(ownerId);
		if (this.owners.get(groupId)?.has(ownerId)) throw duplicateLink('owners');
		addTo(this.owners, groupId, ownerId);
		addTo(this.ownedIndex, ownerId, groupId);
		if (!seed) this.record('group', groupId, 'updated', ['owners'], ownerId);
	}

	removeOwner(groupId, ownerId) {
		if (!this.groups.has(groupId)) throw notFound(groupId);
		if (!this.owners.get(groupId)?.has(ownerId)) throw notFound(ownerId);
		removeFrom(this.owners, groupId, ownerId);
		removeFrom(this.ownedIndex, ownerId, groupId);
		this.record('group', groupId, 'updated', ['owners'], ownerId);
	}

	/** Sets (or with null, removes) a user's manager. */
	setManager(userId, managerId, { seed = false } = {}) {
		if (!this.users.has(userId)) throw notFound(userId);
		if (managerId && !this.users.has(managerId)) throw notFound(managerId);
		const previous = this.managers.get(userId);
		if (previous) removeFrom(this.reports, previous, userId);
		if (managerId) {
			this.managers.set(userId, managerId);
			addTo(this.reports, managerId, userId);
		} else {
			this.managers.delete(userId);
		}
		// Delta reports the manager a user lost, so the journal keeps both ends of the change.
		if (!seed) Object.assign(this.record('user', userId, 'updated', ['manager']), { managerId: managerId ?? null, previousManagerId: previous ?? null });
	}

	/** Removes every link of an object and returns them, so a restore can put them back. */
	detach(id) {
		const links = { memberOf: this.memberOf(id), members: this.membersOf(id), owners: this.ownersOf(id), owned: this.ownedGroups(id), manager: this.managers.get(id), reports: this.directReports(id) };
		for (const groupId of links.memberOf) this.removeMember(groupId, id);
		for (const memberId of links.members) this.removeMember(id, memberId);
		for (const ownerId of links.owners) this.removeOwner(id, ownerId);
		for (const groupId of links.owned) this.removeOwner(groupId, id);
		if (links.manager) this.setManager(id, null);
		for (const reportId of links.reports) this.setManager(reportId, null);
		return links;
	}

	// ------------------------------------------------------------ deleted items

	/** Deleted items of one type, dropping those past the 30-day retention. */
	deletedItems(type) {
		const cutoff = Date.now() - RETENTION_MS;
		for (const [id, item] of this.deleted) if (Date.parse(item.record.deletedDateTime) < cutoff) this.deleted.delete(id);
		return [...this.deleted.values()].filter((item) => !type || item.type === type).map((item) => item.record);
	}

	getDeleted(id) {
		this.deletedItems();
		return this.deleted.get(id);
	}

	restore(id) {
		const item = this.getDeleted(id);
		if (!item) throw notFound(id);
		const { type, record, links } = item;
		if (type === 'user') {
			if (this.upnIndex.has(lowerKey(links.userPrincipalName))) {
				throw badRequest('Another object with the same value for property userPrincipalName already exists.');
			}
			record.userPrincipalName = links.userPrincipalName;
			this.upnIndex.set(lowerKey(record.userPrincipalName), id);
			this.users.set(id, record);
		} else {
			this.groups.set(id, record);
		}
		delete record.deletedDateTime;
		this.deleted.delete(id);
		const entry = this.record(type, id, 'created', Object.keys(record));
		entry.restored = true;
		const live = (other) => this.getObject(other);
		for (const groupId of links.memberOf.filter(live)) this.addMember(groupId, id);
		for (const memberId of links.members.filter(live)) this.addMember(id, memberId);
		for (const ownerId of links.owners.filter(live)) this.addOwner(id, ownerId);
		for (const groupId of links.owned.filter(live)) this.addOwner(groupId, id);
		if (links.manager && this.users.has(links.manager)) this.setManager(id, links.manager);
		for (const reportId of links.reports.filter((u) => this.users.has(u) && !this.managers.has(u))) this.setManager(reportId, id);
		return { type, record };
	}

	purge(id) {
		const item = this.getDeleted(id);
		if (!item) throw notFound(id);
		this.deleted.delete(id);
		// Graph counts a soft-deleted object as a member until it is gone for good: delta reports these removals now.
		for (const groupId of item.links.memberOf) if (this.groups.has(groupId)) this.record('group', groupId, 'memberRemoved', ['members'], id);
		this.record(item.type, id, 'purged', []);
	}

	// ------------------------------------------------------------ licenses

	getSku(skuId) {
		return this.skus.find((sku) => sku.skuId === lowerKey(skuId));
	}

	/**
	 * Graph's assignLicense: add [{ skuId, disabledPlans }] and remove [skuId] in one step,
	 * refused whole when the user has no usage location or a subscription has no seat left.
	 */
	assignLicense(userId, addLicenses, removeLicenses, { seed = false } = {}) {
		const record = this.getUser(userId);
		if (!record) throw notFound(userId);
		const current = new Map((record.assignedLicenses ?? []).map((l) => [l.skuId, l]));
		if (addLicenses.length && !record.usageLocation) {
			throw badRequest('License assignment cannot be done for user with invalid usage location.');
		}
		for (const { skuId } of addLicenses) {
			const sku = this.getSku(skuId);
			if (!sku) throw badRequest(`License ${skuId} does not correspond to a valid company License.`);
			if (!current.has(sku.skuId) && sku.consumedUnits >= sku.prepaidUnits.enabled) {
				throw badRequest(`Subscription with SKU ${sku.skuId} does not have any available licenses.`);
			}
		}
		for (const skuId of removeLicenses) {
			if (!this.getSku(skuId)) throw badRequest(`License ${skuId} does not correspond to a valid company License.`);
			if (!current.has(lowerKey(skuId))) throw badRequest('User does not have a corresponding license.');
		}
		for (const skuId of removeLicenses) {
			current.delete(lowerKey(skuId));
			this.getSku(skuId).consumedUnits--;
		}
		for (const { skuId, disabledPlans = [] } of addLicenses) {
			const sku = this.getSku(skuId);
			if (!current.has(sku.skuId)) sku.consumedUnits++;
			current.set(sku.skuId, { disabledPlans: disabledPlans.map(lowerKey), skuId: sku.skuId });
		}
		const licenses = [...current.values()];
		const stamp = nowIso();
		record.assignedLicenses = licenses;
		record.assignedPlans = licenses.flatMap((license) =>
			this.getSku(license.skuId)
				.servicePlans.filter((plan) => !license.disabledPlans.includes(plan.servicePlanId))
				.map((plan) => ({ assignedDateTime: stamp, capabilityStatus: 'Enabled', service: plan.servicePlanName, servicePlanId: plan.servicePlanId })),
		);
		if (!seed) this.record('user', record.id, 'updated', ['assignedLicenses', 'assignedPlans']);
		return record;
	}
}

module.exports = { Store, TYPE, nowIso };
