// A leaver as identity admins meet them: member of ordinary, kept, dynamic, on-premises synced and
// mail-enabled groups, licensed directly and through a group, with a manager, owner of a shared
// group and sole owner of another, and a full set of authentication methods.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A module of the sandbox (plain CommonJS), found from the repository root, so the benchmark's compiled copy finds it too. */
function sandboxModule(name: string): unknown {
	let root = __dirname;
	while (!existsSync(path.join(root, 'test/sandbox/index.js'))) root = path.dirname(root);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(root, 'test/sandbox', name));
}

const authMethods = sandboxModule('routes/authMethods') as {
	addMethod(store: unknown, userId: string, method: object): { id: string };
	setDefaultMethod(store: unknown, userId: string, methodId: string): void;
	methodsOf(store: unknown, userId: string): Array<{ id: string; type: string; phoneType?: string }>;
	tapPolicy(store: unknown): Record<string, unknown>;
	PASSWORD_ID: string;
	PHONE_IDS: Record<string, string>;
};
const { inheritLicense } = sandboxModule('licensing') as { inheritLicense(record: object, groupId: string, skuId: string): void };
const { SKU_IDS } = sandboxModule('seed') as { SKU_IDS: { E3: string; E5: string; EMS: string } };

export { authMethods, SKU_IDS };

/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's plain-JS store */
export interface Leaver {
	id: string;
	userPrincipalName: string;
	managerId: string;
	groups: { plain: string[]; kept: string; dynamic: string; synced: string; mailEnabled: string; distribution: string; microsoft365: string };
	owned: { shared: string; coOwner: string; alone: string };
	licenseGroup: string;
}

let serial = 0;

function group(store: any, props: object, members: string[], owners: string[] = []): string {
	serial++;
	return store.createGroup({ displayName: `Leaver group ${serial}`, mailNickname: `leaver-group-${serial}`, mailEnabled: false, securityEnabled: true, groupTypes: [], ...props }, { members, owners }).id;
}

/** Creates a leaver in the sandbox's directory, with every kind of access the offboard steps remove or report. */
export function makeLeaver(store: any, name = `leaver${++serial}`): Leaver {
	const domain = store.defaultDomain;
	const record = store.createUser({ displayName: `Leaver ${name}`, userPrincipalName: `${name}@${domain}`, mailNickname: name, accountEnabled: true, usageLocation: 'US' });
	const id: string = record.id;
	const colleague = store.createUser({ displayName: `Colleague of ${name}`, userPrincipalName: `${name}.colleague@${domain}`, mailNickname: `${name}.colleague`, accountEnabled: true }).id;
	const managerId = store.listUsers()[1].id;
	store.setManager(id, managerId);
	const groups = {
		plain: [group(store, {}, [id]), group(store, {}, [id]), group(store, {}, [id])],
		kept: group(store, {}, [id]),
		dynamic: group(store, { groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Leavers"', membershipRuleProcessingState: 'On' }, [id]),
		synced: group(store, { onPremisesSyncEnabled: true }, [id]),
		mailEnabled: group(store, { mailEnabled: true }, [id]),
		distribution: group(store, { mailEnabled: true, securityEnabled: false }, [id]),
		microsoft365: group(store, { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private' }, [id]),
	};
	const owned = { shared: group(store, {}, [], [id, colleague]), coOwner: colleague, alone: group(store, {}, [], [id]) };
	store.assignLicense(id, [{ skuId: SKU_IDS.E3, disabledPlans: [] }], []);
	const licenseGroup = group(store, {}, [id]);
	inheritLicense(record, licenseGroup, SKU_IDS.EMS);
	for (const method of [
		{ type: 'phone', phoneType: 'mobile', phoneNumber: '+1 4255550101', smsSignInState: 'notSupported' },
		{ type: 'phone', phoneType: 'alternateMobile', phoneNumber: '+1 4255550102', smsSignInState: 'notSupported' },
		{ type: 'phone', phoneType: 'office', phoneNumber: '+1 4255550103', smsSignInState: 'notSupported' },
		{ type: 'email', emailAddress: `${name}@example.org` },
		{ type: 'fido2', displayName: 'YubiKey 5', model: 'YubiKey 5 NFC', aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', attestationLevel: 'attested' },
		{ type: 'microsoftAuthenticator', displayName: 'Pixel 8', deviceTag: 'SoftwareTokenActivated', phoneAppVersion: '6.2401.0119' },
		{ type: 'softwareOath', secretKey: null },
		{ type: 'windowsHelloForBusiness', displayName: 'LAPTOP-42', keyStrength: 'normal' },
	]) {
		authMethods.addMethod(store, id, method);
	}
	return { id, userPrincipalName: record.userPrincipalName, managerId, groups, owned, licenseGroup };
}

/** What is left of the leaver's access in the directory. */
export function accessOf(store: any, id: string) {
	return {
		accountEnabled: store.getUser(id)?.accountEnabled,
		groups: store.memberOf(id).sort(),
		owned: store.ownedGroups(id).sort(),
		manager: store.managerOf(id),
		licenses: (store.getUser(id)?.assignedLicenses ?? []).map((license: { skuId: string }) => license.skuId),
		methods: authMethods.methodsOf(store, id).map((method) => method.type).sort(),
	};
}

/** What an offboard with the default steps leaves: what Graph cannot change, the group kept, the group owned alone, the password. */
export function accessAfterOffboard(leaver: Leaver) {
	const { kept, dynamic, synced, mailEnabled, distribution } = leaver.groups;
	return { accountEnabled: false, groups: [kept, dynamic, synced, mailEnabled, distribution].sort(), owned: [leaver.owned.alone], manager: undefined, licenses: [], methods: ['password'] };
}
