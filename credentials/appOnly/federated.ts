// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- workload identity federation reads the token file that AKS or a CI runner projects; this package is self-hosted only (it ships MSAL)
import { promises as fs, type Stats } from 'node:fs';

import { fieldError } from './errors';

const FIELD = 'Token File Path';

/** Projected service account tokens are about 1 KB; anything far larger is not one. */
const MAX_BYTES = 64 * 1024;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** /var/run/… on Linux, C:\… on Windows. */
const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

export function checkTokenFilePath(path: string): string {
	const trimmed = path.trim();
	if (!trimmed) throw fieldError(FIELD, 'enter the path of the federated token file (on AKS, the value of AZURE_FEDERATED_TOKEN_FILE).');
	if (!isAbsolute(trimmed)) throw fieldError(FIELD, `"${trimmed}" is not an absolute path.`);
	return trimmed;
}

/**
 * Reads the external identity provider's token, fresh for every token request because AKS and
 * CI runners rotate it. Only a JWT is ever sent: a file that holds anything else is refused,
 * so the credential cannot be used to post arbitrary files to a login URL.
 */
export async function readClientAssertion(path: string): Promise<string> {
	let stat: Stats;
	try {
		stat = await fs.stat(path);
	} catch (error) {
		throw unreadable(path, error);
	}
	if (!stat.isFile()) throw fieldError(FIELD, `${path} is not a file.`);
	if (stat.size > MAX_BYTES) throw fieldError(FIELD, `${path} is too large to be a federated token.`);
	let content: string;
	try {
		content = (await fs.readFile(path, 'utf8')).trim();
	} catch (error) {
		throw unreadable(path, error);
	}
	if (!JWT.test(content)) throw fieldError(FIELD, `${path} does not hold a JWT (a federated token looks like xxxxx.yyyyy.zzzzz).`);
	return content;
}

function unreadable(path: string, error: unknown) {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return fieldError(FIELD, `no file at ${path}. Check that workload identity is enabled for this pod or runner.`);
	if (code === 'EACCES' || code === 'EPERM') return fieldError(FIELD, `n8n may not read ${path}.`);
	return fieldError(FIELD, `${path} could not be read (${code ?? 'unknown error'}).`);
}
