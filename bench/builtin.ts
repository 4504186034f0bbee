import Module from 'node:module';
import path from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

import type { TestTypes } from '../test/runner/engine';

/** The built-in node's type name, as n8n registers it. */
export const BUILTIN_NODE_TYPE = 'n8n-nodes-base.microsoftEntra';
export const BUILTIN_CREDENTIAL_TYPE = 'microsoftEntraOAuth2Api';

type Resolver = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;

/**
 * Loads n8n's own Microsoft Entra ID node and its credential chain from the pinned n8n install
 * (the one the end-to-end test uses), unchanged, into the runner's types.
 */
export function loadBuiltinEntra(types: TestTypes, n8nDir: string) {
	const base = path.join(n8nDir, 'node_modules', 'n8n-nodes-base');
	shareWorkflowPackage(base);
	const load = <T>(file: string, name: string) => new (require(path.join(base, 'dist', file))[name] as new () => T)();
	types.nodes.set(BUILTIN_NODE_TYPE, load<INodeType>('nodes/Microsoft/Entra/MicrosoftEntra.node.js', 'MicrosoftEntra'));
	// The real OAuth2 chain replaces the runner's stand-in for oAuth2Api.
	for (const [file, name] of [
		['credentials/MicrosoftEntraOAuth2Api.credentials.js', 'MicrosoftEntraOAuth2Api'],
		['credentials/MicrosoftOAuth2Api.credentials.js', 'MicrosoftOAuth2Api'],
		['credentials/OAuth2Api.credentials.js', 'OAuth2Api'],
	]) {
		const type = load<ICredentialType>(file, name);
		types.credentials.set(type.name, type);
	}
}

/**
 * Code under n8n-nodes-base gets this process's n8n-workflow, as n8n's CLI arranges with
 * NODE_PATH: one engine, one set of classes (instanceof checks on errors hold).
 */
function shareWorkflowPackage(base: string) {
	const loader = Module as unknown as { _resolveFilename: Resolver };
	const resolve = loader._resolveFilename;
	const root = path.dirname(path.dirname(base));
	loader._resolveFilename = function (request, parent, ...rest) {
		const shared = request === 'n8n-workflow' || request.startsWith('n8n-workflow/');
		if (shared && parent?.filename?.startsWith(root)) return require.resolve(request);
		return resolve.call(this, request, parent, ...rest);
	};
}
