import { resourceDescription } from '../registry';
import * as createTemporaryAccessPass from './createTemporaryAccessPass.operation';
import * as remove from './delete.operation';
import * as getAll from './getAll.operation';
import * as resetAll from './resetAll.operation';

/** The authentication method operations, by the names stored in workflows. */
export const operations = {
	createTemporaryAccessPass,
	delete: remove,
	getAll,
	resetAll,
};

export const description = resourceDescription('authMethod', operations, 'getAll', [
	{
		name: 'Create Temporary Access Pass',
		value: 'createTemporaryAccessPass',
		description: 'Create a time-limited pass a user signs in with to register MFA or passwordless methods; the pass is returned once, only in the temporaryAccessPass field',
		action: 'Create a temporary access pass',
	},
	{
		name: 'Delete',
		value: 'delete',
		description: 'Delete one authentication method of a user (phone, FIDO2 key, Authenticator app …) by its ID and type; the password cannot be deleted',
		action: 'Delete an authentication method',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: "List a user's authentication methods, one item per method with its type",
		action: 'Get many authentication methods',
	},
	{
		name: 'Reset All (Require MFA Re-Registration)',
		value: 'resetAll',
		description: 'Remove every method of a user but the password, so the user must register MFA again; reports removed, kept and failed',
		action: 'Reset all authentication methods',
	},
]);
