import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const n8nRules = (set) => n8nNodesBase.configs[set].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	communityNodes.configs.recommended,
	{ files: ['package.json'], rules: n8nRules('community') },
	{
		files: ['package.json'],
		rules: {
			// @azure/msal-node is the one runtime dependency we keep on purpose: app-only tokens
			// (client secret, certificate, managed identity, federation) must come from Microsoft's
			// maintained library, not from hand-rolled token requests and JWT signing.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nRules('credentials'),
			// These two expect a camelCase slug into n8n's own docs site, which only built-in
			// credentials have; @n8n/community-nodes' credential-documentation-url (on) requires a
			// full URL for community packages. A URL cannot satisfy both, so the URL rule wins.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-missing': 'off',
		},
	},
	{ files: ['nodes/**/*.ts'], rules: n8nRules('nodes') },
];
