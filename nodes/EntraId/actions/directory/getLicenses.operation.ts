import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { withoutAnnotations } from '../../helpers/output';
import { perItem } from '../execution';

export const properties: INodeProperties[] = [
	optionsCollection(),
];

/** A subscription as Graph returns it, plus availableUnits: enabled seats not yet assigned. */
function withAvailableUnits(sku: IDataObject): IDataObject {
	const prepaid = (sku.prepaidUnits ?? {}) as IDataObject;
	const enabled = typeof prepaid.enabled === 'number' ? prepaid.enabled : 0;
	const consumed = typeof sku.consumedUnits === 'number' ? sku.consumedUnits : 0;
	return { ...withoutAnnotations(sku), availableUnits: enabled - consumed };
}

export const execute = perItem(
	async function (graph) {
		return await graph.collect({ method: 'GET', url: '/subscribedSkus' }, undefined, withAvailableUnits);
	},
	{ permission: 'LicenseAssignment.Read.All' },
);
