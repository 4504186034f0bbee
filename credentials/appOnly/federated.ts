// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- workload identity federation reads the token file that AKS or a CI runner projects; this package is self-hosted only (it ships MSAL)
import { promises as fs } from 'node:fs';

import { hostSetting } from '../hostSettings';
import { AppOnlyCredentialError } from './errors';

/** Where Azure Workload Identity (and CI runners that mimic it) tell the process its token file is. */
export const TOKEN_FILE_VARIABLE = 'AZURE_FEDERATED_TOKEN_FILE' as const;

/** Projected service account tokens are about 1 KB; anything far larger is not one. */
const MAX_BYTES = 64 * 1024;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The token file the host names in AZURE_FEDERATED_TOKEN_FILE. The path is the host
 * administrator's, never a credential field: an n8n user who may create credentials must not be
 * able to have any file of the host posted to a login URL.
 */
export function tokenFilePath(): string {
	const path = hostSetting(TOKEN_FILE_VARIABLE)?.trim();
	if (!path) {
		throw new AppOnlyCredentialError(
			`Workload identity federation: the n8n host does not set ${TOKEN_FILE_VARIABLE}, so there is no federated token to sign in with. On AKS, enable workload identity for n8n's pod (and every worker's); elsewhere, the host's administrator sets the variable to the token file's path.`,
			'FederatedTokenFileNotSet',
		);
	}
	return path;
}

/**
 * Reads the external identity provider's token, fresh for every token request because AKS and
 * CI runners rotate it. Only a JWT is ever sent. Whatever went wrong, the message is the same and
 * names no path: the reason (missing, unreadable, not a JWT) is the host administrator's to find.
 */
export async function readClientAssertion(path: string): Promise<string> {
	let content = '';
	try {
		const stat = await fs.stat(path);
		if (stat.isFile() && stat.size <= MAX_BYTES) content = (await fs.readFile(path, 'utf8')).trim();
	} catch {
		content = '';
	}
	if (!JWT.test(content)) {
		throw new AppOnlyCredentialError(
			`Workload identity federation: the token file that ${TOKEN_FILE_VARIABLE} names on the n8n host could not be read as a federated token. Ask the host's administrator to check that workload identity is enabled for n8n's pod and that the file holds the projected token.`,
			'FederatedTokenFileUnreadable',
		);
	}
	return content;
}
