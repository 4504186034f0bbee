/**
 * Graph's rules for the values that nodes and credentials both check: one copy, so a node and a
 * credential never disagree on what an ID or a name may be.
 */

/** An object, tenant or client ID: a GUID, as text (a resource locator's regex takes a string). */
export const GUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * A user principal name: local part of letters, digits and ' . - _ ! # ^ ~ (guests carry #EXT#),
 * an @, and a domain. Slashes, ?, %, spaces and quotes are never part of a UPN.
 */
export const UPN_REGEX = "^[A-Za-z0-9'._!#^~-]{1,113}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

/** The longest displayName Graph accepts for users and groups. */
export const MAX_DISPLAY_NAME = 256;

const MAX_UPN_LENGTH = 113;
const guidPattern = new RegExp(GUID_REGEX);
const upnPattern = new RegExp(UPN_REGEX);

export const isGuid = (value: string) => guidPattern.test(value);

export const isUpn = (value: string) =>
	value.length <= MAX_UPN_LENGTH && upnPattern.test(value) && !value.includes('..') && !value.startsWith('.');
