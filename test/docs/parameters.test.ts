import { readFileSync } from 'node:fs';

// docs/parameters.md is generated from the built descriptions (scripts/parameters.js): a change to
// a parameter name, value or default that was not written down there fails here.
const { render, TARGET } = require('../../scripts/parameters.js') as { render: () => string; TARGET: string };

test('docs/parameters.md matches the node and credential descriptions (run npm run docs:parameters)', () => {
	expect(readFileSync(TARGET, 'utf8')).toBe(render());
});
