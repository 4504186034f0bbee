import type { INodeProperties } from 'n8n-workflow';

/** The license to assign or remove: the tenant's user SKUs (subscribedSkus), or a skuId from an expression. */
export const skuIdField: INodeProperties = {
	displayName: 'License (SKU) Name or ID',
	name: 'skuId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSubscribedSkus' },
	default: '',
	required: true,
	description:
		'The subscription to assign or remove, from the tenant\'s subscribed SKUs; by ID it is a skuId GUID such as 6fd2c87f-b296-42f0-b197-1e91e994b900. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
