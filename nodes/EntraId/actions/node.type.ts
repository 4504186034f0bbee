/** The resources and their operations, as stored in workflows. */
export type EntraIdResources = {
	user:
		| 'create'
		| 'get'
		| 'getAll'
		| 'getProfile'
		| 'update'
		| 'delete'
		| 'enable'
		| 'disable'
		| 'resetPassword'
		| 'revokeSessions'
		| 'getManager'
		| 'setManager'
		| 'removeManager'
		| 'getDirectReports'
		| 'getGroups'
		| 'checkGroups'
		| 'assignLicense'
		| 'removeLicense';
	group:
		| 'create'
		| 'get'
		| 'getAll'
		| 'update'
		| 'delete'
		| 'getMembers'
		| 'addMembers'
		| 'removeMember'
		| 'getOwners'
		| 'addOwner'
		| 'removeOwner';
	directory: 'getDeletedItems' | 'restoreDeletedItem' | 'getLicenses';
};

export type EntraIdResource = keyof EntraIdResources;
