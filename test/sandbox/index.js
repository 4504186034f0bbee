'use strict';
// startSandbox(options): a local Microsoft Graph v1.0 + identity platform for tests and demos.
// See INTERFACE.md for the contract.
const path = require('node:path');
const { createTenant, TENANT_DOMAIN } = require('./seed');
const { createState, createSandboxServer, CERT_DIR } = require('./server');
const { createAuth } = require('./auth');
const { Notifier } = require('./notifier');

/**
 * @param {{ seed?: 'demo' | 'empty' | { users: number, groups: number }, latencyMs?: number,
 *   port?: number, tlsPort?: number, faults?: object }} options
 */
async function startSandbox(options = {}) {
	const store = createTenant(options.seed ?? 'demo');
	const state = createState(store, { latencyMs: options.latencyMs ?? 0, ...options.faults });
	const urls = { http: null, https: null };
	state.auth = createAuth({ tenantId: store.tenantId, tenantDomain: TENANT_DOMAIN, getBaseUrls: () => ({ ...urls }), store });
	state.notifier = new Notifier(store, () => state.rng);
	const server = createSandboxServer(state);
	const ports = await server.listen(options.port ?? 0, options.tlsPort ?? 0);
	urls.http = `http://127.0.0.1:${ports.http}`;
	urls.https = ports.https ? `https://127.0.0.1:${ports.https}` : null;
	return {
		graphUrl: urls.http,
		graphTlsUrl: urls.https,
		loginUrl: urls.https ?? urls.http,
		loginHttpUrl: urls.http,
		caPath: path.join(CERT_DIR, 'ca.pem'),
		tenantId: store.tenantId,
		tenantDomain: TENANT_DOMAIN,
		auth: state.auth,
		store,
		log: state.log,
		clearLog: () => {
			state.log.length = 0;
		},
		faults: state.faults,
		faultCounts: state.faultCounts,
		throttle: state.throttle,
		/** Change notifications: `knobs`, `subscriptions` (id -> subscription), `deliveries`, `forge(url)`. */
		subscriptions: state.notifier,
		close: () => {
			state.notifier.close();
			return server.close();
		},
	};
}

module.exports = { startSandbox };
