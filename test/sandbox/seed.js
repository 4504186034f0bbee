'use strict';
// Deterministic tenants: the "Contoso" demo (about 300 users, 40 groups, three subscriptions),
// an empty one, and a large generator ({ users: 100000, groups: 50 }) built in a few seconds.
const { createRng } = require('./random');
const { Store } = require('./store');

const FIRST = ['Adele', 'Alex', 'Allan', 'Amara', 'Ana', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Christie', 'Daniel', 'Debra', 'Diego', 'Elena', 'Emily', 'Enrico', 'Fatima', 'Felix', 'Grady', 'Hana', 'Henrietta', 'Isaiah', 'Ivan', 'Jamal', 'Johanna', 'Joni', 'Kenji', 'Laura', 'Lee', 'Lidia', 'Lynne', 'Marcus', 'Maria', 'Megan', 'Miriam', 'Nestor', 'Nadia', 'Omar', 'Patti', 'Pradeep', 'Priya', 'Rafael', 'Sakura', 'Samuel', 'Sofia', 'Tariq', 'Thomas', 'Uma', 'Victor', 'Wen', 'Yara', 'Zoe', 'Irvin', 'Lucia', 'Noah', 'Olga', 'Pierre', 'Quinn', 'Ravi'];
const LAST = ['Vance', 'Wilber', 'Deyoung', 'Okafor', 'Silva', 'Walters', 'Rossi', 'Mendez', 'Wei', 'Dubois', 'Cline', 'Kim', 'Berg', 'Alvarez', 'Petrova', 'Braun', 'Bianchi', 'Haddad', 'Novak', 'Lamb', 'Sato', 'Harris', 'Gray', 'Ivanov', 'Jackson', 'Lindqvist', 'Sherman', 'Tanaka', 'Giannini', 'Lee', 'Holloway', 'Robbins', 'Brown', 'Garcia', 'Bowen', 'Caldwell', 'Wilke', 'Rahman', 'Farouk', 'Fernandez', 'Gupta', 'Patel', 'Moreau', 'Yamamoto', 'Osei', 'Costa', 'Aziz', 'Muller', 'Rao', 'Hugo', 'Zhang', 'Nasser', 'Adams', 'Sampson', 'Romero', 'Schmidt', 'Orlova', 'Laurent', 'Murphy', 'Iyer'];
const DEPARTMENTS = {
	Sales: ['VP of Sales', 'Sales Manager', ['Account Executive', 'Sales Representative', 'Sales Engineer']],
	Marketing: ['CMO', 'Marketing Manager', ['Marketing Specialist', 'Content Strategist', 'Brand Designer']],
	Engineering: ['CTO', 'Engineering Manager', ['Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'DevOps Engineer']],
	Finance: ['CFO', 'Finance Manager', ['Financial Analyst', 'Accountant', 'Controller']],
	'Human Resources': ['VP of People', 'HR Manager', ['HR Generalist', 'Recruiter', 'Payroll Specialist']],
	IT: ['CIO', 'IT Manager', ['Systems Administrator', 'Helpdesk Technician', 'Security Analyst']],
	Operations: ['COO', 'Operations Manager', ['Operations Analyst', 'Logistics Coordinator', 'Facilities Coordinator']],
	Legal: ['General Counsel', 'Legal Manager', ['Paralegal', 'Corporate Counsel']],
	'Customer Support': ['VP of Customer Success', 'Support Manager', ['Support Engineer', 'Customer Success Manager']],
	Research: ['VP of Research', 'Research Manager', ['Research Scientist', 'Data Scientist']],
};
const OFFICES = [
	{ officeLocation: 'Redmond 18/2105', city: 'Redmond', country: 'United States', usageLocation: 'US', state: 'WA', phone: '+1 425 555 ' },
	{ officeLocation: 'New York 7/301', city: 'New York', country: 'United States', usageLocation: 'US', state: 'NY', phone: '+1 212 555 ' },
	{ officeLocation: 'London 3/14', city: 'London', country: 'United Kingdom', usageLocation: 'GB', state: null, phone: '+44 20 7946 ' },
	{ officeLocation: 'Berlin 2/09', city: 'Berlin', country: 'Germany', usageLocation: 'DE', state: null, phone: '+49 30 5557 ' },
	{ officeLocation: 'Paris 5/22', city: 'Paris', country: 'France', usageLocation: 'FR', state: null, phone: '+33 1 5555 ' },
];

const plan = (servicePlanName, servicePlanId) => ({ servicePlanId, servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' });
const EXCHANGE = plan('EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0');
const TEAMS = plan('TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929');
const AAD_P1 = plan('AAD_PREMIUM', '41781fb2-bc02-4b7c-bd55-b576c07bb09d');
const INTUNE = plan('INTUNE_A', 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5');
const SKUS = [
	{ skuPartNumber: 'ENTERPRISEPACK', skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', enabled: 250, servicePlans: [EXCHANGE, plan('SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72'), TEAMS, plan('OFFICESUBSCRIPTION', '43de0ff5-c92c-492b-9116-175376d08c38'), plan('MCOSTANDARD', '0feaeb32-d00e-4d66-bd5a-43b5b83db82c'), plan('YAMMER_ENTERPRISE', '7547a3fe-08ee-4ccb-b430-5077c5041653')] },
	{ skuPartNumber: 'SPE_E5', skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06', enabled: 25, servicePlans: [EXCHANGE, TEAMS, AAD_P1, plan('AAD_PREMIUM_P2', 'eec0eb4f-6444-4f95-aba0-50c24d67f998'), INTUNE, plan('MCOEV', '4828c8ec-dc2e-4779-b502-87ac9ce28ab7')] },
	{ skuPartNumber: 'EMS', skuId: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e', enabled: 300, servicePlans: [AAD_P1, INTUNE, plan('RMS_S_PREMIUM', '6c57d4b6-3b23-47a5-9bc9-69f17b4947b3'), plan('MFA_PREMIUM', '8a256a2b-b617-496d-b51b-e76466e88db0')] },
];
const [E3, E5, EMS] = SKUS.map((s) => s.skuId);

const ONMICROSOFT = 'contoso.onmicrosoft.com';
const CUSTOM_DOMAIN = 'contoso.com';

function isoDaysAgo(base, days) {
	return new Date(base - days * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function baseStore(rng, scale) {
	const tenantId = rng.guid();
	const store = new Store({
		tenantId,
		domains: [
			{ name: CUSTOM_DOMAIN, isDefault: true, isInitial: false },
			{ name: ONMICROSOFT, isDefault: false, isInitial: true },
		],
		organization: {
			id: tenantId,
			displayName: 'Contoso',
			tenantType: 'AAD',
			countryLetterCode: 'US',
			city: 'Redmond',
			state: 'WA',
			street: '1 Contoso Way',
			postalCode: '98052',
			preferredLanguage: 'en',
			createdDateTime: '2018-03-14T09:26:53Z',
			businessPhones: ['+1 425 555 0100'],
			technicalNotificationMails: [`admin@${ONMICROSOFT}`],
			marketingNotificationEmails: [],
			securityComplianceNotificationMails: [],
			securityComplianceNotificationPhones: [],
			onPremisesSyncEnabled: null,
			onPremisesLastSyncDateTime: null,
			assignedPlans: [],
			provisionedPlans: [],
			privacyProfile: null,
			verifiedDomains: [
				{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: false, name: CUSTOM_DOMAIN, type: 'Managed' },
				{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: false, isInitial: true, name: ONMICROSOFT, type: 'Managed' },
			],
		},
	});
	store.skus = SKUS.map((sku) => ({
		accountName: 'Contoso',
		accountId: tenantId,
		appliesTo: 'User',
		capabilityStatus: 'Enabled',
		consumedUnits: 0,
		id: `${tenantId}_${sku.skuId}`,
		prepaidUnits: { enabled: sku.enabled * scale, suspended: 0, warning: 0, lockedOut: 0 },
		servicePlans: sku.servicePlans,
		skuId: sku.skuId,
		skuPartNumber: sku.skuPartNumber,
		subscriptionIds: [rng.guid()],
	}));
	return store;
}

/** One employee's properties; `n` keeps names unique. */
function person(rng, base, { first, last, n, department, jobTitle }) {
	const nick = `${first}.${last}${n || ''}`.toLowerCase();
	const upn = `${nick}@${CUSTOM_DOMAIN}`;
	const office = rng.pick(OFFICES);
	const created = isoDaysAgo(base, 30 + rng.int(2000));
	return {
		id: rng.guid(),
		accountEnabled: !rng.chance(0.05),
		displayName: `${first} ${last}`,
		givenName: first,
		surname: last,
		userPrincipalName: upn,
		mail: upn,
		mailNickname: nick,
		proxyAddresses: [`SMTP:${upn}`],
		jobTitle,
		department,
		companyName: 'Contoso',
		employeeId: String(100000 + rng.int(900000)),
		employeeType: rng.chance(0.9) ? 'Employee' : 'Contractor',
		employeeHireDate: created.replace(/T.*/, 'T00:00:00Z'),
		officeLocation: office.officeLocation,
		city: office.city,
		state: office.state,
		country: office.country,
		usageLocation: rng.chance(0.85) ? office.usageLocation : null,
		businessPhones: [`${office.phone}${String(rng.int(10000)).padStart(4, '0')}`],
		mobilePhone: rng.chance(0.6) ? `+1 555 ${String(rng.int(10000000)).padStart(7, '0')}` : null,
		preferredLanguage: office.usageLocation === 'DE' ? 'de-DE' : office.usageLocation === 'FR' ? 'fr-FR' : 'en-US',
		createdDateTime: created,
		creationType: null,
		signInActivity: rng.chance(0.9)
			? { lastSignInDateTime: isoDaysAgo(base, rng.int(60)), lastNonInteractiveSignInDateTime: isoDaysAgo(base, rng.int(10)) }
			: null,
		onPremisesExtensionAttributes: rng.chance(0.5) ? { extensionAttribute1: `CC-${1000 + rng.int(50)}` } : null,
	};
}

function uniqueNames(rng) {
	const used = new Map();
	return () => {
		const first = rng.pick(FIRST);
		const last = rng.pick(LAST);
		const key = `${first}.${last}`;
		const n = used.get(key) ?? 0;
		used.set(key, n + 1);
		return { first, last, n };
	};
}

function seedDemo() {
	const rng = createRng('contoso-demo');
	const base = Date.parse('2025-06-01T12:00:00Z');
	const store = baseStore(rng, 1);
	const nextName = uniqueNames(rng);
	const add = (props) => store.createUser(props, { seed: true });

	const admin = add({
		...person(rng, base, { first: 'MOD', last: 'Administrator', n: 0, department: 'IT', jobTitle: 'Global Administrator' }),
		userPrincipalName: `admin@${ONMICROSOFT}`,
		mail: `admin@${ONMICROSOFT}`,
		mailNickname: 'admin',
		proxyAddresses: [`SMTP:admin@${ONMICROSOFT}`],
		accountEnabled: true,
		usageLocation: 'US',
	});
	const ceo = add({ ...person(rng, base, { ...nextName(), department: 'Executive', jobTitle: 'Chief Executive Officer' }), accountEnabled: true, usageLocation: 'US' });

	const byDepartment = {};
	for (const [department, [headTitle, managerTitle, staffTitles]] of Object.entries(DEPARTMENTS)) {
		const head = add({ ...person(rng, base, { ...nextName(), department, jobTitle: headTitle }), accountEnabled: true });
		store.setManager(head.id, ceo.id, { seed: true });
		const people = { head, managers: [], staff: [] };
		for (let m = 0; m < 2; m++) {
			const manager = add(person(rng, base, { ...nextName(), department, jobTitle: managerTitle }));
			store.setManager(manager.id, head.id, { seed: true });
			people.managers.push(manager);
			for (let s = 0; s < 12 + rng.int(3); s++) {
				const staff = add(person(rng, base, { ...nextName(), department, jobTitle: rng.pick(staffTitles) }));
				store.setManager(staff.id, manager.id, { seed: true });
				people.staff.push(staff);
			}
		}
		byDepartment[department] = people;
	}
	const guests = ['fabrikam.com', 'northwindtraders.com', 'adatum.com', 'litware.com', 'tailspintoys.com'].map((domain) => {
		const { first, last } = nextName();
		const external = `${first}.${last}@${domain}`.toLowerCase();
		return add({
			id: rng.guid(),
			accountEnabled: true,
			displayName: `${first} ${last} (${domain.split('.')[0]})`,
			givenName: first,
			surname: last,
			mail: external,
			mailNickname: external.replace('@', '_'),
			otherMails: [external],
			proxyAddresses: [`SMTP:${external}`],
			userPrincipalName: `${external.replace('@', '_')}#EXT#@${ONMICROSOFT}`,
			userType: 'Guest',
			creationType: 'Invitation',
			externalUserState: 'Accepted',
			externalUserStateChangeDateTime: isoDaysAgo(base, 100 + rng.int(300)),
			identities: [{ signInType: 'userPrincipalName', issuer: ONMICROSOFT, issuerAssignedId: `${external.replace('@', '_')}#EXT#@${ONMICROSOFT}` }],
			createdDateTime: isoDaysAgo(base, 100 + rng.int(300)),
		});
	});

	// Licenses: E5 for executives and IT until the 25 seats are gone, E3 + EMS for most others.
	const employees = store.listUsers().filter((u) => u.userType === 'Member');
	const e5Sku = store.getSku(E5);
	for (const user of employees) {
		if (!user.usageLocation) continue;
		const senior = user === admin || user === ceo || /^(C[EFOIT]O|VP|General Counsel)/.test(user.jobTitle) || user.department === 'IT';
		if (senior && e5Sku.consumedUnits < e5Sku.prepaidUnits.enabled) {
			store.assignLicense(user.id, [{ skuId: E5 }], [], { seed: true });
		} else if (rng.chance(0.7)) {
			const add = [{ skuId: E3, disabledPlans: rng.chance(0.2) ? ['7547a3fe-08ee-4ccb-b430-5077c5041653'] : [] }];
			if (rng.chance(0.5)) add.push({ skuId: EMS });
			store.assignLicense(user.id, add, [], { seed: true });
		}
	}
	seedDemoGroups(store, rng, base, { admin, ceo, byDepartment, guests });
	return store;
}

function seedDemoGroups(store, rng, base, { admin, ceo, byDepartment, guests }) {
	const group = (props, links) =>
		store.createGroup({ id: rng.guid(), createdDateTime: isoDaysAgo(base, 200 + rng.int(1500)), renewedDateTime: null, securityIdentifier: `S-1-12-1-${rng.int(4e9)}-${rng.int(4e9)}-${rng.int(4e9)}-${rng.int(4e9)}`, ...props }, { ...links, seed: true });
	const security = (displayName, mailNickname, links, extra = {}) =>
		group({ displayName, mailNickname, description: `${displayName} security group`, mailEnabled: false, securityEnabled: true, groupTypes: [], ...extra }, links);
	const unified = (displayName, mailNickname, visibility, links) => {
		const mail = `${mailNickname}@${CUSTOM_DOMAIN}`;
		return group({ displayName, mailNickname, description: `${displayName} workspace`, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], mail, proxyAddresses: [`SMTP:${mail}`, `smtp:${mailNickname}@${ONMICROSOFT}`], visibility, renewedDateTime: isoDaysAgo(base, rng.int(300)), creationOptions: [], resourceBehaviorOptions: [], resourceProvisioningOptions: rng.chance(0.5) ? ['Team'] : [] }, links);
	};
	const ids = (users) => users.map((u) => u.id);
	const everyone = store.listUsers();

	const departmentGroups = Object.entries(byDepartment).map(([department, people]) =>
		security(`SG-${department.replace(/ /g, '')}`, `sg-${department.replace(/ /g, '').toLowerCase()}`, {
			owners: [people.head.id],
			members: ids([people.head, ...people.managers, ...people.staff]),
		}),
	);
	// Nested groups, so transitive queries differ from direct ones.
	security('All Staff', 'allstaff', { owners: [admin.id], members: [...ids(departmentGroups), ceo.id] });
	const managers = Object.values(byDepartment).flatMap((p) => [p.head, ...p.managers]);
	const managerGroup = security('All Managers', 'allmanagers', { owners: [ceo.id], members: ids(managers) });
	security('Leadership', 'leadership', { owners: [ceo.id], members: [ceo.id, managerGroup.id] });
	security('VPN Users', 'vpnusers', { owners: [admin.id], members: ids(everyone.filter(() => rng.chance(0.3))) });
	security('Contractors', 'contractors', { owners: [admin.id], members: ids(everyone.filter((u) => u.employeeType === 'Contractor')) });
	security('Guests', 'guests', { owners: [admin.id], members: ids(guests) });
	security('Disabled Accounts', 'disabledaccounts', { owners: [admin.id], members: ids(everyone.filter((u) => u.accountEnabled === false)) });
	security('License - Office 365 E3', 'license-e3', { owners: [admin.id], members: [] });
	security('Empty Security Group', 'emptysg', {});
	const it = byDepartment.IT;
	group(
		{ displayName: 'Global Admins', mailNickname: 'globaladmins', description: 'Privileged: members hold the Global Administrator role', mailEnabled: false, securityEnabled: true, groupTypes: [], isAssignableToRole: true, visibility: 'Private' },
		{ owners: [admin.id], members: [admin.id, it.head.id, it.managers[0].id] },
	);
	const sales = byDepartment.Sales;
	group(
		{ displayName: 'Sales (dynamic)', mailNickname: 'sales-dynamic', description: 'Every user whose department is Sales', mailEnabled: false, securityEnabled: true, groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Sales"', membershipRuleProcessingState: 'On' },
		{ members: ids(everyone.filter((u) => u.department === 'Sales')) },
	);
	const teams = [
		['Contoso Sales', 'contososales', 'Public', sales], ['Marketing Campaigns', 'marketingcampaigns', 'Public', byDepartment.Marketing],
		['Engineering Guild', 'engineeringguild', 'Public', byDepartment.Engineering], ['Finance Close', 'financeclose', 'Private', byDepartment.Finance],
		['People Team', 'peopleteam', 'Private', byDepartment['Human Resources']], ['IT Helpdesk', 'ithelpdesk', 'Public', it],
		['Operations Hub', 'operationshub', 'Public', byDepartment.Operations], ['Legal Matters', 'legalmatters', 'Private', byDepartment.Legal],
		['Customer Voice', 'customervoice', 'Public', byDepartment['Customer Support']], ['Research Lab', 'researchlab', 'Private', byDepartment.Research],
	];
	for (const [name, nick, visibility, people] of teams) {
		unified(name, nick, visibility, { owners: [people.head.id, people.managers[0].id], members: ids([people.head, ...people.managers, ...people.staff.slice(0, 10)]) });
	}
	for (const [name, nick] of [['Project Phoenix', 'projectphoenix'], ['Project Atlas', 'projectatlas'], ['Mark 8 Launch', 'mark8launch'], ['Company Picnic', 'companypicnic'], ['Partner Network', 'partnernetwork']]) {
		const people = everyone.filter(() => rng.chance(0.08));
		unified(name, nick, rng.chance(0.5) ? 'Public' : 'Private', { owners: [people[0]?.id ?? admin.id], members: ids(name === 'Partner Network' ? [...people, ...guests] : people) });
	}
	unified('Executive Team', 'executiveteam', 'HiddenMembership', { owners: [ceo.id], members: ids([ceo, ...Object.values(byDepartment).map((p) => p.head)]) });
	// Deleted items to list and restore.
	const gone = unified('Old Project Nimbus', 'oldprojectnimbus', 'Private', { owners: [admin.id], members: [admin.id] });
	store.deleteGroup(gone.id);
	const leaver = store.getUser(everyone.find((u) => u.department === 'Sales' && u.jobTitle !== 'VP of Sales' && u.jobTitle !== 'Sales Manager').id);
	store.deleteUser(leaver.id);
	store.journal.length = 0;
}

/** A large tenant: `users` users in a 10-wide management tree, spread over `groups` groups. */
function seedLarge({ users: userCount = 1000, groups: groupCount = 10 }) {
	const rng = createRng(`contoso-large-${userCount}-${groupCount}`);
	const base = Date.parse('2025-06-01T12:00:00Z');
	const store = baseStore(rng, Math.max(1, Math.ceil(userCount / 250)));
	const departments = Object.keys(DEPARTMENTS);
	const ids = new Array(userCount);
	for (let i = 0; i < userCount; i++) {
		const first = FIRST[i % FIRST.length];
		const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
		const nick = `${first}.${last}${i}`.toLowerCase();
		const department = departments[i % departments.length];
		const upn = `${nick}@${CUSTOM_DOMAIN}`;
		const office = OFFICES[i % OFFICES.length];
		const record = store.createUser(
			{
				id: rng.guid(),
				accountEnabled: i % 20 !== 7,
				displayName: `${first} ${last} ${i}`,
				givenName: first,
				surname: last,
				userPrincipalName: upn,
				mail: upn,
				mailNickname: nick,
				jobTitle: DEPARTMENTS[department][2][i % DEPARTMENTS[department][2].length],
				department,
				city: office.city,
				country: office.country,
				usageLocation: i % 10 === 3 ? null : office.usageLocation,
				createdDateTime: isoDaysAgo(base, i % 2000),
			},
			{ seed: true },
		);
		ids[i] = record.id;
		if (i > 0) store.setManager(record.id, ids[Math.floor((i - 1) / 10)], { seed: true });
	}
	for (let g = 0; g < groupCount; g++) {
		const isUnified = g % 5 === 4;
		const nick = `group${String(g + 1).padStart(4, '0')}`;
		const props = isUnified
			? { displayName: `Team ${g + 1}`, mailNickname: nick, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], mail: `${nick}@${CUSTOM_DOMAIN}`, proxyAddresses: [`SMTP:${nick}@${CUSTOM_DOMAIN}`], visibility: 'Public' }
			: { displayName: `Group ${g + 1}`, mailNickname: nick, mailEnabled: false, securityEnabled: true, groupTypes: [] };
		store.createGroup({ id: rng.guid(), createdDateTime: isoDaysAgo(base, g), ...props }, { owners: userCount ? [ids[g % userCount]] : [], seed: true });
	}
	const groups = store.listGroups();
	if (groups.length) for (let i = 0; i < userCount; i++) store.addMember(groups[i % groups.length].id, ids[i], { seed: true });
	return store;
}

function seedEmpty() {
	return baseStore(createRng('contoso-empty'), 1);
}

/** 'demo' | 'empty' | { users, groups } -> Store */
function createTenant(seed = 'demo') {
	if (seed === 'demo') return seedDemo();
	if (seed === 'empty') return seedEmpty();
	if (seed && typeof seed === 'object') return seedLarge(seed);
	throw new Error(`Unknown sandbox seed ${JSON.stringify(seed)}`);
}

module.exports = { createTenant, SKU_IDS: { E3, E5, EMS }, TENANT_DOMAIN: ONMICROSOFT };
