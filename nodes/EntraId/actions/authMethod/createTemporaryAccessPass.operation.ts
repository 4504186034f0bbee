import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { notice, optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { createTemporaryAccessPass, deleteMethod, listMethodsOfType } from '../../directory/authMethods';
import { userPath } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { invalid, readUserRef } from '../../helpers/validation';
import { plannedEach } from '../execution';
import { AUTH_METHOD_HINT } from './fields';

export const properties: INodeProperties[] = [
	userIdLocator,
	{
		displayName: 'Lifetime (Minutes)',
		name: 'lifetimeInMinutes',
		type: 'number',
		typeOptions: { minValue: 10, maxValue: 43200 },
		default: 60,
		description: "How long the pass is valid, from 10 minutes to 43,200 (30 days), within the limits of the tenant's Temporary Access Pass policy",
	},
	{
		displayName: 'Usable Once',
		name: 'isUsableOnce',
		type: 'boolean',
		default: true,
		description: 'Whether the pass is spent by its first sign-in. A reusable pass must be allowed by the tenant policy.',
	},
	notice(
		'temporaryAccessPassNotice',
		'The pass is a secret: it is returned only in the output field temporaryAccessPass, never in logs, errors or progress messages. Hand it on through a secure channel and do not store the output longer than needed.',
	),
	optionsCollection([
		{
			displayName: 'Replace Existing Pass',
			name: 'replaceExisting',
			type: 'boolean',
			default: false,
			description: 'Whether to delete a pass the user already holds and create a new one. Off: a user who holds a pass keeps it and the item fails.',
		},
		{
			displayName: 'Start Time',
			name: 'startDateTime',
			type: 'dateTime',
			default: '',
			description: 'When the pass becomes usable; empty: at once',
		},
	]),
];

function readPlan(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const user = readUserRef(this, 'userId', itemIndex);
	const lifetime = itemParameter(this, 'lifetimeInMinutes', itemIndex, 60);
	if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 10 || lifetime > 43200) {
		throw invalid({ node, parameter: 'lifetimeInMinutes', itemIndex }, `The lifetime must be a whole number of minutes from 10 to 43200, not ${JSON.stringify(lifetime)}`);
	}
	const usableOnce = itemParameter(this, 'isUsableOnce', itemIndex, true);
	if (typeof usableOnce !== 'boolean') throw invalid({ node, parameter: 'isUsableOnce', itemIndex }, 'Usable Once must be true or false');
	const options = (itemParameter(this, 'options', itemIndex, {}) ?? {}) as IDataObject;
	const body: IDataObject = { lifetimeInMinutes: lifetime, isUsableOnce: usableOnce };
	if (options.startDateTime !== undefined && options.startDateTime !== '') {
		const start = Date.parse(String(options.startDateTime));
		if (Number.isNaN(start)) throw invalid({ node, parameter: 'options.startDateTime', itemIndex }, 'The start time is not a valid date and time');
		body.startDateTime = new Date(start).toISOString();
	}
	return { user, body, replaceExisting: options.replaceExisting === true };
}

export const execute = plannedEach(
	readPlan,
	async function (graph, { user, body, replaceExisting, itemIndex }) {
		const path = userPath(user);
		const existing = await graph.collect(listMethodsOfType(path, 'temporaryAccessPass'));
		if (existing.length > 0 && !replaceExisting) {
			throw new NodeOperationError(this.getNode(), `User "${user.value}" already holds a Temporary Access Pass; it was kept and no new pass was created`, {
				itemIndex,
				description: 'A user may hold one pass. Turn on Replace Existing Pass to delete the old pass and create a new one.',
			});
		}
		// Graph would replace the pass on its own; deleting it first makes the replacement explicit and visible in the audit log.
		for (const old of existing) await graph.request(deleteMethod(path, 'temporaryAccessPass', String(old.id))).catch((error: { status?: number }) => {
			if (error.status !== 404) throw error;
		});
		const { body: created } = await graph.request(createTemporaryAccessPass(path, body));
		return {
			id: user.value,
			methodId: created.id,
			temporaryAccessPass: created.temporaryAccessPass,
			lifetimeInMinutes: created.lifetimeInMinutes,
			isUsableOnce: created.isUsableOnce,
			startDateTime: created.startDateTime,
		};
	},
	AUTH_METHOD_HINT,
);
