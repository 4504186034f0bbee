import type { IExecuteFunctions } from 'n8n-workflow';

import { shape } from '../helpers/output';
import { outputChoice } from '../helpers/query';
import type { ErrorHint } from '../transport/errors';
import type { PlannedCall } from './execution';

/** A GET of one object, with the Output choice (simplified to `fields`, raw, or Select only). */
export function readObject(ctx: IExecuteFunctions, itemIndex: number, url: string, fields: string[], hint: ErrorHint): PlannedCall {
	const { select, mode } = outputChoice(ctx, itemIndex, fields);
	return {
		call: { method: 'GET', url, qs: select ? { $select: select } : undefined },
		output: ({ body }) => shape(body, mode),
		hint,
	};
}
