#!/usr/bin/env node
'use strict';
// `npm run sandbox`: the Contoso demo tenant on fixed ports until Ctrl+C.
const { startSandbox } = require('./index');

async function main() {
	const sb = await startSandbox({
		seed: 'demo',
		port: Number(process.env.SANDBOX_PORT ?? 3977),
		tlsPort: Number(process.env.SANDBOX_TLS_PORT ?? 3978),
	});
	const app = sb.auth.app;
	const lines = [
		'Microsoft Graph sandbox (Contoso demo tenant)',
		`  Graph URL:      ${sb.graphUrl}/v1.0${sb.graphTlsUrl ? `   (TLS: ${sb.graphTlsUrl}/v1.0)` : ''}`,
		`  Login URL:      ${sb.loginUrl}/${sb.tenantId}   (plain HTTP: ${sb.loginHttpUrl}/${sb.tenantId})`,
		`  Tenant:         ${sb.tenantId} (${sb.tenantDomain})`,
		`  Client id:      ${app.clientId}`,
		`  Client secret:  ${app.clientSecret}`,
		`  CA certificate: ${sb.caPath} (NODE_EXTRA_CA_CERTS for the TLS endpoints)`,
		`  Users: ${sb.store.users.size}, groups: ${sb.store.groups.size}. Ctrl+C stops.`,
	];
	console.log(lines.join('\n'));
	const stop = async () => {
		await sb.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
