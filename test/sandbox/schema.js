'use strict';
// Graph v1.0 user and group properties: types, what GET returns without $select, what may be
// written, and which $filter / $orderby / $search operations each property supports
// (https://learn.microsoft.com/graph/aad-advanced-queries, user and group resource pages).

// Types: s string, b boolean, d DateTimeOffset, g Guid, [s] string collection,
// [o] object collection, o complex object.
const EXTENSION_ATTRIBUTES = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);

// caps('eq in sw', 'null') -> operations supported by default / only in advanced queries.
// Ops: eq, in, sw (startsWith), ew (endsWith), range (ge/gt/le/lt), null (eq/ne null).
// ne and not are allowed wherever eq is, and always need advanced query parameters.
function caps(byDefault, advanced = '') {
	const out = {};
	for (const op of byDefault.split(' ').filter(Boolean)) out[op] = 'default';
	for (const op of advanced.split(' ').filter(Boolean)) out[op] = 'advanced';
	return out;
}
const ALL_ADVANCED = caps('', 'eq in sw range null');

const user = {
	type: 'user',
	resource: 'User',
	set: 'users',
	props: {
		id: 's', accountEnabled: 'b', ageGroup: 's', assignedLicenses: '[o]', assignedPlans: '[o]',
		businessPhones: '[s]', city: 's', companyName: 's', consentProvidedForMinor: 's', country: 's',
		createdDateTime: 'd', creationType: 's', deletedDateTime: 'd', department: 's', displayName: 's',
		employeeHireDate: 'd', employeeId: 's', employeeLeaveDateTime: 'd', employeeOrgData: 'o', employeeType: 's',
		externalUserState: 's', externalUserStateChangeDateTime: 'd', faxNumber: 's', givenName: 's',
		identities: '[o]', imAddresses: '[s]', isResourceAccount: 'b', jobTitle: 's', lastPasswordChangeDateTime: 'd',
		licenseAssignmentStates: '[o]', legalAgeGroupClassification: 's', mail: 's', mailNickname: 's', mobilePhone: 's', officeLocation: 's',
		onPremisesDistinguishedName: 's', onPremisesDomainName: 's', onPremisesExtensionAttributes: 'o',
		onPremisesImmutableId: 's', onPremisesLastSyncDateTime: 'd', onPremisesSamAccountName: 's',
		onPremisesSecurityIdentifier: 's', onPremisesSyncEnabled: 'b', onPremisesUserPrincipalName: 's',
		otherMails: '[s]', passwordPolicies: 's', passwordProfile: 'o', postalCode: 's', preferredDataLocation: 's',
		preferredLanguage: 's', proxyAddresses: '[s]', securityIdentifier: 's', showInAddressList: 'b',
		signInActivity: 'o', signInSessionsValidFromDateTime: 'd', state: 's', streetAddress: 's', surname: 's',
		usageLocation: 's', userPrincipalName: 's', userType: 's',
	},
	subProps: {
		onPremisesExtensionAttributes: Object.fromEntries(EXTENSION_ATTRIBUTES.map((a) => [a, 's'])),
		signInActivity: { lastSignInDateTime: 'd', lastSignInRequestId: 's', lastNonInteractiveSignInDateTime: 'd', lastNonInteractiveSignInRequestId: 's', lastSuccessfulSignInDateTime: 'd', lastSuccessfulSignInRequestId: 's' },
		employeeOrgData: { division: 's', costCenter: 's' },
		assignedLicenses: { skuId: 'g', disabledPlans: '[g]' },
		identities: { signInType: 's', issuer: 's', issuerAssignedId: 's' },
	},
	// Returned by GET when no $select is given, in Graph's order.
	defaults: ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'],
	readOnly: ['id', 'assignedLicenses', 'assignedPlans', 'createdDateTime', 'creationType', 'deletedDateTime', 'externalUserStateChangeDateTime', 'lastPasswordChangeDateTime', 'licenseAssignmentStates', 'legalAgeGroupClassification', 'onPremisesDistinguishedName', 'onPremisesDomainName', 'onPremisesLastSyncDateTime', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'proxyAddresses', 'securityIdentifier', 'signInActivity', 'signInSessionsValidFromDateTime', 'isResourceAccount'],
	filter: {
		accountEnabled: caps('eq in', 'range'), ageGroup: caps('eq in'), assignedLicenses: caps('eq'),
		assignedPlans: caps('eq'), businessPhones: caps('eq'), city: caps('eq in sw range', 'null'),
		companyName: ALL_ADVANCED, country: caps('eq in sw range', 'null'), createdDateTime: caps('eq range', 'in'),
		creationType: caps('eq in'), deletedDateTime: caps('eq range', 'in'), department: caps('eq in sw range', 'null'),
		displayName: caps('eq in sw', 'null'), employeeHireDate: caps('', 'eq in range'),
		employeeId: caps('eq in sw', 'null range'), employeeOrgData: caps('', 'eq in sw range'),
		employeeType: caps('', 'eq in sw range'), externalUserState: caps('eq in'), givenName: caps('eq in sw range', 'null'),
		id: caps('eq in'), identities: caps('eq'), imAddresses: caps('eq sw range'), jobTitle: caps('eq in sw range', 'null'),
		mail: caps('eq in sw range', 'null ew'), mailNickname: caps('eq in sw range', 'null'), mobilePhone: ALL_ADVANCED,
		officeLocation: ALL_ADVANCED, onPremisesExtensionAttributes: caps('', 'eq in range null'),
		onPremisesImmutableId: caps('', 'eq in range'), onPremisesSamAccountName: caps('', 'eq in sw range'),
		onPremisesSecurityIdentifier: caps('eq in', 'null'), onPremisesSyncEnabled: caps('eq in', 'range null'),
		onPremisesUserPrincipalName: caps('eq in sw range'), otherMails: caps('eq sw range', 'ew'),
		passwordPolicies: caps('', 'eq null'), postalCode: ALL_ADVANCED, preferredLanguage: ALL_ADVANCED,
		proxyAddresses: caps('eq sw range', 'null ew'), showInAddressList: caps('', 'eq in range'),
		signInActivity: caps('eq range'), state: caps('eq in sw range', 'null'), streetAddress: ALL_ADVANCED,
		surname: caps('eq in sw range', 'null'), usageLocation: caps('eq in sw range', 'null'),
		userPrincipalName: caps('eq in sw range', 'ew'), userType: caps('eq in', 'null'),
	},
	orderby: { displayName: 'default', userPrincipalName: 'default', createdDateTime: 'advanced', deletedDateTime: 'advanced' },
	search: ['displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'userPrincipalName', 'otherMails', 'proxyAddresses', 'jobTitle', 'department', 'employeeId'],
};

const group = {
	type: 'group',
	resource: 'Group',
	set: 'groups',
	props: {
		id: 's', allowExternalSenders: 'b', assignedLicenses: '[o]', autoSubscribeNewMembers: 'b', classification: 's',
		createdDateTime: 'd', creationOptions: '[s]', deletedDateTime: 'd', description: 's', displayName: 's',
		expirationDateTime: 'd', groupTypes: '[s]', hasMembersWithLicenseErrors: 'b', hideFromAddressLists: 'b',
		hideFromOutlookClients: 'b', isAssignableToRole: 'b', isSubscribedByMail: 'b', licenseProcessingState: 'o',
		mail: 's', mailEnabled: 'b', mailNickname: 's', membershipRule: 's', membershipRuleProcessingState: 's',
		onPremisesDomainName: 's', onPremisesLastSyncDateTime: 'd', onPremisesNetBiosName: 's',
		onPremisesProvisioningErrors: '[o]', onPremisesSamAccountName: 's', onPremisesSecurityIdentifier: 's',
		onPremisesSyncEnabled: 'b', preferredDataLocation: 's', preferredLanguage: 's', proxyAddresses: '[s]',
		renewedDateTime: 'd', resourceBehaviorOptions: '[s]', resourceProvisioningOptions: '[s]', securityEnabled: 'b',
		securityIdentifier: 's', serviceProvisioningErrors: '[o]', theme: 's', unseenCount: 's', visibility: 's',
	},
	subProps: { assignedLicenses: { skuId: 'g', disabledPlans: '[g]' } },
	defaults: ['id', 'deletedDateTime', 'classification', 'createdDateTime', 'creationOptions', 'description', 'displayName', 'expirationDateTime', 'groupTypes', 'isAssignableToRole', 'mail', 'mailEnabled', 'mailNickname', 'membershipRule', 'membershipRuleProcessingState', 'onPremisesDomainName', 'onPremisesLastSyncDateTime', 'onPremisesNetBiosName', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'preferredDataLocation', 'preferredLanguage', 'proxyAddresses', 'renewedDateTime', 'resourceBehaviorOptions', 'resourceProvisioningOptions', 'securityEnabled', 'securityIdentifier', 'theme', 'visibility', 'onPremisesProvisioningErrors', 'serviceProvisioningErrors'],
	readOnly: ['id', 'assignedLicenses', 'createdDateTime', 'creationOptions', 'deletedDateTime', 'expirationDateTime', 'hasMembersWithLicenseErrors', 'licenseProcessingState', 'mail', 'onPremisesDomainName', 'onPremisesLastSyncDateTime', 'onPremisesNetBiosName', 'onPremisesProvisioningErrors', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'proxyAddresses', 'renewedDateTime', 'securityIdentifier', 'serviceProvisioningErrors', 'unseenCount'],
	filter: {
		classification: caps('eq in sw range', 'null'), deletedDateTime: caps('eq range', 'in'),
		description: caps('eq in sw range', 'null'), displayName: caps('eq in sw range', 'null'),
		expirationDateTime: caps('eq range', 'in'), groupTypes: caps('eq'), hasMembersWithLicenseErrors: caps('eq'),
		id: caps('eq in'), isAssignableToRole: caps('eq in', 'null'), mail: caps('eq in sw range', 'null ew'),
		mailEnabled: caps('eq in', 'null'), mailNickname: caps('eq in sw range', 'null'),
		membershipRule: caps('eq in sw range', 'null'), membershipRuleProcessingState: caps('eq in', 'null'),
		onPremisesSecurityIdentifier: caps('eq in'), onPremisesSyncEnabled: caps('eq in', 'null'),
		proxyAddresses: caps('eq sw range', 'null ew'), securityEnabled: caps('eq in', 'null'),
		securityIdentifier: caps('eq in'), visibility: caps('eq in', 'null'),
	},
	orderby: { displayName: 'default', deletedDateTime: 'advanced' },
	search: ['displayName', 'description', 'mail', 'mailNickname', 'proxyAddresses'],
};

// Collections of directoryObjects (members, memberOf, getByIds …) mix users and groups.
const directoryObject = {
	type: 'directoryObject',
	resource: 'DirectoryObject',
	set: 'directoryObjects',
	props: { ...group.props, ...user.props },
	subProps: { ...group.subProps, ...user.subProps },
	filter: { ...group.filter, ...user.filter },
	orderby: { displayName: 'default' },
	search: [...new Set([...user.search, ...group.search])],
};

const schemas = { user, group, directoryObject };

/** Case-insensitive lookup of a property's canonical name, as Graph matches $select and $filter names. */
function canonical(schema, name) {
	const lower = name.toLowerCase();
	if (!schema.lower) schema.lower = new Map(Object.keys(schema.props).map((p) => [p.toLowerCase(), p]));
	return schema.lower.get(lower);
}

/** The value Graph shows for a property the record does not store (stored records are sparse). */
function emptyValue(schema, prop) {
	if (prop === 'onPremisesExtensionAttributes') return Object.fromEntries(EXTENSION_ATTRIBUTES.map((a) => [a, null]));
	return schema.props[prop]?.startsWith('[') ? [] : null;
}

module.exports = { schemas, canonical, emptyValue, EXTENSION_ATTRIBUTES };
