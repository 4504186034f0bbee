import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { resolveCloud } from '../clouds';
import { isUnderRoot } from '../hosts';
import { AppOnlyCredentialError } from './errors';

/**
 * Request options that stop every redirect, for n8n's request helpers old and new: a 3xx comes
 * back as the answer instead of being followed with the token (or, for a 307, the body).
 */
export const NO_REDIRECTS: Partial<IHttpRequestOptions> & { followRedirect: boolean; followAllRedirects: boolean; maxRedirects: number } = {
	disableFollowRedirect: true,
	followRedirect: false,
	followAllRedirects: false,
	maxRedirects: 0,
	sendCredentialsOnCrossOriginRedirect: false,
};

/** The URL a request goes to, from n8n's new (`url`) or legacy (`uri`) options and a `baseURL`. */
function targetOf(options: IHttpRequestOptions): string | undefined {
	const legacy = options as IHttpRequestOptions & { uri?: string };
	const url = options.url ?? legacy.uri;
	try {
		return new URL(url ?? '', options.baseURL || undefined).href;
	} catch {
		return undefined;
	}
}

/** Refuses, before any token is fetched, a request that is not for the credential's Graph root. */
export function checkGraphRequest(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
	const { graphUrl } = resolveCloud(credentials);
	const target = targetOf(options);
	if (target && isUnderRoot(target, graphUrl)) return;
	let host = 'that URL';
	try {
		host = new URL(target ?? '').origin;
	} catch {}
	throw new AppOnlyCredentialError(
		`This credential's token is only sent to its own Microsoft Graph endpoint (${graphUrl}). The request was for ${host}, so no token was attached and nothing was sent. Use a URL under ${graphUrl}, or another credential for other services.`,
		'ForeignRequestUrl',
	);
}
