import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { booleanField, choiceField, daysField } from '../../descriptions/fields';
import { itemParameter } from '../../helpers/parameters';
import { MAX_PAGE_SIZE } from '../../helpers/query';
import { daysBetween, readChoice, readDays } from '../../helpers/values';
import { perItem } from '../execution';

export const properties: INodeProperties[] = [
	daysField('Expiring Within (Days)', 30, 'Client secrets and certificates that expire within this many days'),
	optionsCollection([
		choiceField('Include', 'include', 'applications', 'Whose credentials to check', [
			['Applications', 'applications', 'App registrations (where secrets are usually added)'],
			['Applications and Service Principals', 'both', 'Both'],
			['Service Principals', 'servicePrincipals', 'Enterprise apps (for example SAML signing certificates)'],
		]),
		booleanField('Include Expired', 'includeExpired', true, 'Whether to include credentials that have already expired'),
	]),
];

const INCLUDE = ['applications', 'servicePrincipals', 'both'] as const;
// Only what the report needs, so a page of 999 stays small.
const SELECT = 'id,appId,displayName,passwordCredentials,keyCredentials';
const OBJECT_TYPE = { applications: 'application', servicePrincipals: 'servicePrincipal' } as const;

/**
 * Every client secret (passwordCredentials) and certificate (keyCredentials) of the tenant's
 * applications and/or service principals that expires within `days`: one item per credential,
 * soonest first. Graph cannot filter on credential dates, so the node reads 999 objects a page.
 */
export const execute = perItem(
	async function (graph, itemIndex) {
		const days = readDays(this, itemIndex, 30);
		const include = readChoice(this, 'options.include', itemIndex, INCLUDE, 'applications') ?? 'applications';
		const includeExpired = itemParameter(this, 'options.includeExpired', itemIndex, true) !== false;
		const collections = include === 'both' ? (['applications', 'servicePrincipals'] as const) : [include];
		const now = Date.now();
		const found: IDataObject[] = [];
		for (const collection of collections) {
			for await (const page of graph.pages({ method: 'GET', url: `/${collection}`, qs: { $select: SELECT, $top: MAX_PAGE_SIZE } })) {
				for (const object of page) found.push(...expiring(object, OBJECT_TYPE[collection], now, days, includeExpired));
			}
		}
		return found.sort((a, b) => Number(a.daysLeft) - Number(b.daysLeft));
	},
	{ resource: 'the applications', permission: 'Application.Read.All (delegated: at least the Application Administrator or Global Reader role)' },
);

function expiring(object: IDataObject, objectType: string, now: number, days: number, includeExpired: boolean): IDataObject[] {
	const credentials = [
		...((object.passwordCredentials ?? []) as IDataObject[]).map((credential) => ({ credential, credentialType: 'secret' })),
		...((object.keyCredentials ?? []) as IDataObject[]).map((credential) => ({ credential, credentialType: 'certificate' })),
	];
	return credentials.flatMap(({ credential, credentialType }) => {
		const end = Date.parse(String(credential.endDateTime ?? ''));
		if (Number.isNaN(end) || end - now > days * 86_400_000) return [];
		const expired = end <= now;
		if (expired && !includeExpired) return [];
		return [
			{
				objectType,
				id: object.id,
				appId: object.appId,
				appDisplayName: object.displayName,
				credentialType,
				keyId: credential.keyId,
				credentialName: credential.displayName ?? null,
				startDateTime: credential.startDateTime ?? null,
				endDateTime: credential.endDateTime,
				daysLeft: daysBetween(now, end),
				expired,
			},
		];
	});
}
