import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { appOnlyCredential } from '../../helpers/setup';
import { PACKAGE_ROOT } from '../../runner/engine';
import { itemsOf, useTrigger } from './harness';

const example = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'examples/leaver-on-disable.json'), 'utf8')) as {
	nodes: INode[];
	connections: IConnections;
};
const node = (name: string) => example.nodes.find((n) => n.name === name)!;
const targets = (name: string, output: number) => (example.connections[name]?.main[output] ?? []).map((c) => c.node);

describe('examples/leaver-on-disable.json', () => {
	const t = useTrigger();

	it("uses only this package's operations and parameters, as n8n would load them", () => {
		const ours = example.nodes.filter((n) => n.type.startsWith('n8n-nodes-entra-id.'));
		expect(ours.map((n) => `${n.type} ${String(n.parameters.operation ?? n.parameters.event)}`)).toEqual([
			'n8n-nodes-entra-id.entraIdTrigger userUpdated',
			'n8n-nodes-entra-id.entraId revokeSessions',
			'n8n-nodes-entra-id.entraId getGroups',
			'n8n-nodes-entra-id.entraId removeMember',
			'n8n-nodes-entra-id.entraId get',
			'n8n-nodes-entra-id.entraId removeLicense',
		]);
		for (const entra of ours) {
			const type = t.runner.types.getByNameAndVersion(entra.type, entra.typeVersion);
			// n8n drops parameters a node does not have or does not show for the chosen resource and operation.
			const kept = NodeHelpers.getNodeParameters(type.description.properties, entra.parameters, true, false, entra, type.description) as INodeParameters;
			const dropped = Object.keys(entra.parameters).filter((name) => !(name in kept));
			expect({ node: entra.name, dropped }).toEqual({ node: entra.name, dropped: [] });
		}
	});

	it('sends disabled accounts through the leaver loop and resync notices to the alert', () => {
		expect(targets('User disabled', 0).sort()).toEqual(['Account disabled?', 'Tracking restarted?']);
		expect(targets('Account disabled?', 0)).toEqual(['Loop over leavers']);
		expect(targets('Loop over leavers', 1)).toEqual(['Revoke sessions']);
		const chain = ['Revoke sessions', 'Get groups', 'Remove from group', 'Get licenses', 'One item per license', 'Remove license', 'Notify identity team', 'Loop over leavers'];
		chain.slice(0, -1).forEach((name, i) => expect(targets(name, 0)).toEqual([chain[i + 1]]));
		expect(targets('Tracking restarted?', 0)).toEqual(['Alert: tracking restarted']);
		for (const name of Object.keys(example.connections)) expect(node(name)).toBeDefined();
	});

	it('its trigger settings emit a disabled account with the fields the workflow reads', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		const trigger = await t.activate(node('User disabled').parameters as IDataObject, { credentialType: 'entraIdAppOnlyApi' });
		const [leaver, mover] = t.sandbox.store.listUsers().slice(70, 72);
		t.sandbox.store.updateUser(leaver.id, { accountEnabled: false });
		t.sandbox.store.updateUser(mover.id, { department: 'Marketing' });
		const items = itemsOf(await trigger.poll());
		expect(items).toEqual([{ event: 'userUpdated', objectType: 'user', id: leaver.id, object: { accountEnabled: false, id: leaver.id }, changed: ['accountEnabled'] }]);
		const conditions = JSON.stringify(node('Account disabled?').parameters);
		expect(conditions).toContain('$json.event');
		expect(conditions).toContain('$json.object.accountEnabled');
	});
});
