import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isGuid } from '../../shared/values';
import { GraphClient } from '../transport/client';

interface ServicePlan {
	servicePlanId: string;
	servicePlanName: string;
	appliesTo?: string;
}

interface SubscribedSku {
	skuId: string;
	skuPartNumber: string;
	appliesTo?: string;
	capabilityStatus?: string;
	consumedUnits?: number;
	prepaidUnits?: { enabled?: number };
	servicePlans?: ServicePlan[];
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The tenant's subscriptions that can be assigned to users (appliesTo User); one call, Graph does not page it. */
async function userSkus(ctx: ILoadOptionsFunctions): Promise<SubscribedSku[]> {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as string;
	const graph = await GraphClient.create(ctx, authentication);
	const { body } = await graph.request({
		method: 'GET',
		url: '/subscribedSkus',
		qs: { $select: 'skuId,skuPartNumber,appliesTo,capabilityStatus,consumedUnits,prepaidUnits,servicePlans' },
	});
	return ((body.value as IDataObject[] | undefined) ?? [])
		.map((sku) => sku as unknown as SubscribedSku)
		.filter((sku) => sku.appliesTo === 'User');
}

/** Licenses for the SKU picker: part number, seats used, and the status when it is not Enabled. */
export async function getSubscribedSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const skus = await userSkus(this);
	return skus
		.map((sku) => {
			const status = sku.capabilityStatus && sku.capabilityStatus !== 'Enabled' ? `, ${sku.capabilityStatus}` : '';
			return {
				name: `${sku.skuPartNumber} (${sku.consumedUnits ?? 0} of ${sku.prepaidUnits?.enabled ?? 0} used${status})`,
				value: sku.skuId,
				description: `SKU ID ${sku.skuId}`,
			};
		})
		.sort(byName);
}

/** Service plans of the SKU picked in skuId, for Disabled Plans. */
export async function getServicePlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const skuId = this.getCurrentNodeParameter('skuId') as unknown;
	if (typeof skuId !== 'string' || !isGuid(skuId)) return [];
	const sku = (await userSkus(this)).find((candidate) => candidate.skuId.toLowerCase() === skuId.toLowerCase());
	return (sku?.servicePlans ?? [])
		.filter((plan) => plan.appliesTo === undefined || plan.appliesTo === 'User')
		.map((plan) => ({ name: plan.servicePlanName, value: plan.servicePlanId, description: `Service plan ID ${plan.servicePlanId}` }))
		.sort(byName);
}
