import type { IDataObject } from 'n8n-workflow';

import type { UserRef } from '../../directory/users';
import type { ErrorHint, GraphError } from '../../transport/errors';
import type { GraphCall } from '../../transport/types';
import type { PlannedCall } from '../execution';

/** Friendlier names for the properties Graph reports in "same value for property X" conflicts. */
const PROPERTY_NAMES: Record<string, string> = {
	onPremisesImmutableId: 'on-premises immutable ID',
	proxyAddresses: 'email address (mail / proxyAddresses)',
	userPrincipalName: 'user principal name',
};

/*
 * Graph answers these user mistakes with the one code Request_BadRequest: a stable fragment of its
 * message tells them apart.
 */
/** "The specified password does not comply with password complexity requirements…". */
const isPasswordTooWeak = (error: GraphError) => error.code === 'Request_BadRequest' && /password complexity/i.test(error.graphMessage);
/** "Another object with the same value for property userPrincipalName already exists.": gives the property. */
const conflictingProperty = (error: GraphError) =>
	error.code === 'Request_BadRequest' ? /same value for property '?(\w+)'?/i.exec(error.graphMessage)?.[1] : undefined;
/** "The domain portion of the userPrincipalName property is invalid…". */
const isUnverifiedUpnDomain = (error: GraphError) =>
	error.code === 'Request_BadRequest' && /domain portion of the userPrincipalName/i.test(error.graphMessage);

/**
 * Graph answers several user mistakes with the one code Request_BadRequest; this names the
 * case for the error message. It never recovers: the item still fails, with advice that says
 * what to change.
 */
export function explainUserError(error: GraphError): undefined {
	const property = conflictingProperty(error);
	if (property) {
		error.advice = `Another directory object already has this ${PROPERTY_NAMES[property] ?? property}. Choose a different value; if an earlier run timed out, the user may already exist (check with Get).`;
	} else if (isPasswordTooWeak(error)) {
		error.advice =
			"The password does not meet the tenant's password policy. Use 8 to 256 characters with at least three of: lowercase letters, uppercase letters, digits and symbols, and avoid the user's name and common words.";
	} else if (isUnverifiedUpnDomain(error)) {
		error.advice =
			'The domain of the user principal name is not a verified domain of this tenant. Use one listed under Domain names in the Entra admin center (for example the .onmicrosoft.com domain).';
	}
	return undefined;
}

/**
 * A write to one user. Users given by UPN are first resolved to their object ID (in one batched
 * round for all items), so every output names the user by ID.
 */
export function userChange(
	user: UserRef,
	change: { call: (id: string) => GraphCall; output: (id: string) => IDataObject; hint: ErrorHint },
): PlannedCall {
	let id = user.value;
	return {
		refs: [user],
		call: ([resolved]) => {
			id = resolved;
			return change.call(resolved);
		},
		output: () => change.output(id),
		recover: explainUserError,
		hint: change.hint,
	};
}

/** The hint for errors about one user. */
export const userHint = (user: UserRef, permission: string): ErrorHint => ({ resource: `user "${user.value}"`, permission });
