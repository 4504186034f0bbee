import type { INodeProperties } from 'n8n-workflow';

/** A new password (create, reset): sent to Graph only. */
export function passwordField(description: string): INodeProperties {
	return {
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		hint: "Entra's default policy: 8-256 characters with three of lowercase, uppercase, digits and symbols",
		description,
	};
}

/** The 15 Exchange custom attributes, in numeric order (a literal list would sort 1, 10, 11 …). */
const extensionAttributeOptions: INodeProperties[] = Array.from({ length: 15 }, (_, index) => ({
	displayName: `Extension Attribute ${index + 1}`,
	name: `extensionAttribute${index + 1}`,
	type: 'string',
	default: '',
	description: `Exchange custom attribute ${index + 1} (onPremisesExtensionAttributes.extensionAttribute${index + 1}). On update, the expression {{ null }} clears it.`,
}));

/** Optional user properties that Create and Update share. */
const sharedUserFields: INodeProperties[] = [
	{
		displayName: 'Business Phones',
		name: 'businessPhones',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1 425 555 0109',
		description: 'The business phone number. Graph keeps a list but accepts only one number; a list from an expression works too.',
	},
	{
		displayName: 'City',
		name: 'city',
		type: 'string',
		default: '',
		description: 'The city where the user is located',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		description: 'The company the user works for (at most 64 characters)',
	},
	{
		displayName: 'Country or Region',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. United States',
		description: 'The country or region where the user is located, as free text. Licensing uses Usage Location instead.',
	},
	{
		displayName: 'Department',
		name: 'department',
		type: 'string',
		default: '',
		description: 'The department the user works in',
	},
	{
		displayName: 'Employee Hire Date',
		name: 'employeeHireDate',
		type: 'dateTime',
		default: '',
		description: 'The hire date, as an ISO 8601 date or date-time (e.g. 2025-09-01 or 2025-09-01T00:00:00Z). A time without an offset is taken as UTC.',
	},
	{
		displayName: 'Employee ID',
		name: 'employeeId',
		type: 'string',
		default: '',
		description: 'The identifier your organisation gives the employee (at most 16 characters)',
	},
	{
		displayName: 'Employee Type',
		name: 'employeeType',
		type: 'string',
		default: '',
		placeholder: 'e.g. Employee, Contractor',
		description: 'The kind of worker, such as Employee, Contractor, Consultant or Vendor',
	},
	{
		displayName: 'Extension Attributes',
		name: 'extensionAttributes',
		type: 'collection',
		placeholder: 'Add Attribute',
		default: {},
		description:
			'Exchange custom attributes 1-15 (onPremisesExtensionAttributes), stored as { extensionAttribute1: "…" }. Add the attributes to set and give each a value or an expression of its own; n8n ignores one expression for the whole field. Read-only for users synced from on-premises AD.',
		options: extensionAttributeOptions,
	},
	{
		displayName: 'First Name',
		name: 'givenName',
		type: 'string',
		default: '',
		description: 'The given name (first name) of the user',
	},
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		default: '',
		description: 'The job title of the user',
	},
	{
		displayName: 'Last Name',
		name: 'surname',
		type: 'string',
		default: '',
		description: 'The surname (family name) of the user',
	},
	{
		displayName: 'Mail',
		name: 'mail',
		type: 'string',
		default: '',
		placeholder: 'e.g. ada.lovelace@contoso.com',
		description: 'The primary SMTP address. Graph also adds it to proxyAddresses, so it must not belong to another user or group.',
	},
	{
		displayName: 'Mobile Phone',
		name: 'mobilePhone',
		type: 'string',
		default: '',
		description: 'The mobile phone number of the user',
	},
	{
		displayName: 'Office Location',
		name: 'officeLocation',
		type: 'string',
		default: '',
		description: 'The office location in the user\'s place of business',
	},
	{
		displayName: 'Other Emails',
		name: 'otherMails',
		type: 'string',
		default: '',
		placeholder: 'e.g. ada@fabrikam.com, ada.private@example.com',
		description: 'Additional email addresses, comma-separated or a list from an expression. Graph also uses them for password reset and admin notifications.',
	},
	{
		displayName: 'Preferred Language',
		name: 'preferredLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en-US',
		description: 'The preferred language, as an ISO 639-1 code with an optional region (e.g. en-US, de-DE)',
	},
	{
		displayName: 'Usage Location',
		name: 'usageLocation',
		type: 'string',
		default: '',
		placeholder: 'e.g. US',
		description: 'A two-letter ISO 3166 country code (US, GB, DE …). Required before the user can be assigned a license.',
	},
];

const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

const createOnlyFields: INodeProperties[] = [
	{
		displayName: 'Force Change Password Next Sign In',
		name: 'forceChangePasswordNextSignIn',
		type: 'boolean',
		default: true,
		description: 'Whether the user must choose a new password at first sign-in. Without this field the node sends true, as Microsoft recommends.',
	},
];

const updateOnlyFields: INodeProperties[] = [
	{
		displayName: 'Account Enabled',
		name: 'accountEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether the user can sign in',
	},
	{
		displayName: 'Custom Properties',
		name: 'customProperties',
		type: 'json',
		default: '{}',
		placeholder: '{ "extension_1a2b…_costCenter": "CC-1001", "employeeOrgData": { "division": "EMEA" } }',
		description:
			'Other Graph user properties as a JSON object, sent as given: directory schema extensions (extension_{appId}_{name}) and properties this form does not list. A property may not also be set by a field above, and ID and passwordProfile are refused (use Reset Password for passwords).',
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		default: '',
		description: 'The name shown in the address book (at most 256 characters). It cannot be cleared.',
	},
	{
		displayName: 'Mail Nickname',
		name: 'mailNickname',
		type: 'string',
		default: '',
		hint: 'At most 64 ASCII characters, without spaces or @ ( ) \\ [ ] " ; : < > ,',
		description: 'The mail alias: at most 64 ASCII characters, no spaces and none of @ ( ) \\ [ ] " ; : &lt; &gt; ,',
	},
	{
		displayName: 'User Principal Name',
		name: 'userPrincipalName',
		type: 'string',
		default: '',
		placeholder: 'e.g. ada.lovelace@contoso.com',
		hint: 'The domain must be a verified domain of your tenant',
		description: 'The sign-in name. Its domain must be a verified domain of the tenant; the user signs in with the new name afterwards.',
	},
];

/** Create → Additional Fields. */
export const createUserFields = [...sharedUserFields, ...createOnlyFields].sort(byDisplayName);

/** Update → Update Fields: everything Create has (the password aside), plus the required properties and free-form ones. */
export const updateUserFields = [...sharedUserFields, ...updateOnlyFields].sort(byDisplayName);
