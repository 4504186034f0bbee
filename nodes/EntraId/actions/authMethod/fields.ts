import type { INodePropertyOptions } from 'n8n-workflow';

import type { ErrorHint } from '../../transport/errors';

export const AUTH_METHOD_HINT: ErrorHint = {
	permission: 'UserAuthenticationMethod.ReadWrite.All (and, delegated, the Authentication Administrator or Privileged Authentication Administrator role)',
	resource: 'the user or the authentication method',
};

/** The method types a method may be deleted as; the password method is not among them. */
export const DELETABLE_TYPES: INodePropertyOptions[] = [
	{ name: 'Email', value: 'email', description: 'An email address for self-service password reset (emailMethods)' },
	{ name: 'FIDO2 Security Key', value: 'fido2', description: 'A security key or passkey (fido2Methods)' },
	{ name: 'Microsoft Authenticator', value: 'microsoftAuthenticator', description: 'The Authenticator app on a device (microsoftAuthenticatorMethods)' },
	{ name: 'Phone', value: 'phone', description: 'A mobile, alternate mobile or office number; delete the alternate mobile before the mobile (phoneMethods)' },
	{ name: 'Platform Credential (macOS)', value: 'platformCredential', description: 'A macOS Platform SSO credential (platformCredentialMethods)' },
	{ name: 'Read From Graph', value: '', description: 'Look the type up among the user’s methods first (one more request)' },
	{ name: 'Software OATH Token', value: 'softwareOath', description: 'A third-party authenticator app code (softwareOathMethods)' },
	{ name: 'Temporary Access Pass', value: 'temporaryAccessPass', description: 'A time-limited pass (temporaryAccessPassMethods)' },
	{ name: 'Windows Hello for Business', value: 'windowsHelloForBusiness', description: 'A Windows Hello key of a device (windowsHelloForBusinessMethods)' },
];
