import type { IDataObject } from 'n8n-workflow';

import type { GraphCall } from '../transport/types';

/**
 * The authentication method types of Graph v1.0, by the short name the node shows (the
 * `@odata.type` without `#microsoft.graph.` and `AuthenticationMethod`), each with its own
 * collection under /users/{id}/authentication. The password method cannot be deleted.
 */
export const METHOD_COLLECTIONS = {
	email: 'emailMethods',
	fido2: 'fido2Methods',
	microsoftAuthenticator: 'microsoftAuthenticatorMethods',
	password: 'passwordMethods',
	phone: 'phoneMethods',
	platformCredential: 'platformCredentialMethods',
	softwareOath: 'softwareOathMethods',
	temporaryAccessPass: 'temporaryAccessPassMethods',
	windowsHelloForBusiness: 'windowsHelloForBusinessMethods',
} as const;

export type MethodType = keyof typeof METHOD_COLLECTIONS;

export const isMethodType = (name: string): name is MethodType => Object.hasOwn(METHOD_COLLECTIONS, name);

/** A method as the node outputs it: `{ id, type, …Graph's properties }`. */
export interface AuthMethod extends IDataObject {
	id: string;
	type: string;
}

/** `#microsoft.graph.fido2AuthenticationMethod` -> `fido2`; a type Graph adds later keeps its own name. */
export function methodTypeOf(odataType: unknown): string {
	const name = String(odataType ?? '').replace(/^#?microsoft\.graph\./, '');
	return name.replace(/AuthenticationMethod$/, '') || 'unknown';
}

export function toAuthMethod(raw: IDataObject): AuthMethod {
	const { '@odata.type': odataType, ...rest } = raw;
	return { ...rest, id: String(raw.id), type: methodTypeOf(odataType) };
}

/** Method ids are GUIDs or base64url (FIDO2, Windows Hello): the path gets them percent-encoded. */
export const METHOD_ID = /^[A-Za-z0-9_-]{1,512}={0,2}$/;

const base = (userPath: string) => `${userPath}/authentication`;

export const listMethods = (userPath: string): GraphCall => ({ method: 'GET', url: `${base(userPath)}/methods` });

export const listMethodsOfType = (userPath: string, type: MethodType): GraphCall => ({ method: 'GET', url: `${base(userPath)}/${METHOD_COLLECTIONS[type]}` });

export const deleteMethod = (userPath: string, type: MethodType, id: string): GraphCall => ({
	method: 'DELETE',
	url: `${base(userPath)}/${METHOD_COLLECTIONS[type]}/${encodeURIComponent(id)}`,
});

export const createTemporaryAccessPass = (userPath: string, body: IDataObject): GraphCall => ({
	method: 'POST',
	url: `${base(userPath)}/temporaryAccessPassMethods`,
	body,
});

/**
 * The order Graph accepts deletes in, as rounds: every other method first, then the phones, an
 * alternate mobile (and office) phone before the mobile phone, which may not go while an
 * alternate exists and is most often the default method. The password is never deleted.
 */
export function deletionRounds(methods: AuthMethod[]): { rounds: AuthMethod[][]; kept: AuthMethod[] } {
	const kept = methods.filter((method) => method.type === 'password' || !isMethodType(method.type));
	const deletable = methods.filter((method) => !kept.includes(method));
	const mobile = (method: AuthMethod) => method.type === 'phone' && method.phoneType === 'mobile';
	const rounds = [
		deletable.filter((method) => method.type !== 'phone'),
		deletable.filter((method) => method.type === 'phone' && !mobile(method)),
		deletable.filter(mobile),
	];
	return { rounds, kept };
}
