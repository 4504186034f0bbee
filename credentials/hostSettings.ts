/**
 * The n8n host administrator's settings, read from the process environment at each use (so a
 * change applies without a restart of this module). Only these two names are read.
 */
export type HostSetting = 'ENTRA_ID_TRUSTED_HOSTS' | 'AZURE_FEDERATED_TOKEN_FILE';

export function hostSetting(name: HostSetting): string | undefined {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the host's administrator, not an n8n user, chooses trusted hosts and the federated token file (docs/security.md)
	return process.env[name];
}
