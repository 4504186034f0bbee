import { hostSetting } from './hostSettings';

/**
 * Which hosts a credential's token may go to, compared as WHATWG URLs: scheme and host in
 * canonical form (lower case, no default port), and paths at a segment boundary.
 */

/** The environment variable where the host's administrator lists extra hosts for host identities. */
export const TRUSTED_HOSTS_VARIABLE = 'ENTRA_ID_TRUSTED_HOSTS' as const;

function parse(url: string): URL | undefined {
	try {
		return new URL(url.trim());
	} catch {
		return undefined;
	}
}

/**
 * A Graph or login root in canonical form (`https://host[:port][/path]`, no trailing slash), or
 * undefined when it is not a plain http(s) URL: user info, a query or a fragment are refused, as
 * they would make the same root look different from one request to the next.
 */
export function canonicalRoot(url: string): string | undefined {
	const parsed = parse(url);
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return undefined;
	if (parsed.username || parsed.password || parsed.search || parsed.hash) return undefined;
	return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Whether `link` is the root itself or below it: same origin, and the root's path ends at a `/`. */
export function isUnderRoot(link: string, root: string): boolean {
	const url = parse(link);
	const base = parse(root);
	if (!url || !base || url.origin !== base.origin || url.username || url.password) return false;
	const prefix = base.pathname.replace(/\/+$/, '');
	return url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
}

/** The hosts (`host` or `host:port`, lower case) that the administrator trusts for host identities. */
export function trustedHosts(): string[] {
	return (hostSetting(TRUSTED_HOSTS_VARIABLE) ?? '')
		.split(',')
		.map((entry) => entry.trim().toLowerCase())
		.filter(Boolean);
}

/** Whether the URL's host is listed: `host:port` matches that port only, a bare `host` any port. */
export function isTrustedHost(url: string): boolean {
	const parsed = parse(url);
	if (!parsed) return false;
	const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
	const forms = [parsed.hostname, `${parsed.hostname}:${port}`];
	return trustedHosts().some((entry) => forms.includes(entry));
}
