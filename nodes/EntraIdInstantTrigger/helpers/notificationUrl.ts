import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CLOUDS } from '../../../credentials/clouds';

const MICROSOFT_GRAPH_ROOTS: string[] = Object.values(CLOUDS).map((cloud) => cloud.graph);

/** Hosts Microsoft's notification service cannot reach: loopback, private and link-local addresses, local names. */
function isLocalHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host)) return true;
	if (!host.includes('.') && !host.includes(':')) return true;
	const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
	}
	return host === '::' || host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host) || host.startsWith('::ffff:');
}

/**
 * Graph posts notifications to n8n's production webhook URL, and Microsoft's clouds accept only an
 * https URL they can reach. A custom Graph (a gateway, a local sandbox) may call back over any URL.
 */
export function checkNotificationUrl(node: INode, url: string | undefined, graphRoot: string): string {
	const fail = (message: string) =>
		new NodeOperationError(node, message, {
			description:
				'Microsoft Graph delivers change notifications only to a public https address. Set n8n\'s WEBHOOK_URL to one (for example through a reverse proxy with a certificate), or use the polling Microsoft Entra ID Admin Trigger, which needs no inbound connection.',
		});
	if (!url) throw fail('n8n has no webhook URL for this trigger');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw fail(`n8n's webhook URL "${url}" is not a valid URL`);
	}
	if (!MICROSOFT_GRAPH_ROOTS.includes(graphRoot.toLowerCase())) return url;
	if (parsed.protocol !== 'https:') throw fail(`Microsoft Graph cannot deliver notifications to n8n's webhook URL "${url}": it is not https`);
	if (isLocalHost(parsed.hostname)) throw fail(`Microsoft Graph cannot deliver notifications to n8n's webhook URL "${url}": ${parsed.hostname} is a local address`);
	return url;
}
