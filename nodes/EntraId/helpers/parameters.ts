import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

/** What a run has read of each parameter: whether it holds an expression, and its value if not. */
type Reads = Map<string, { expression: true } | { expression: false; value: unknown }>;

const runs = new WeakMap<IExecuteFunctions, Reads>();

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * A node parameter for one item. n8n's getNodeParameter builds an expression context and
 * searches the node's description on every call. A parameter that holds no expression has one
 * value for the whole run, so it is read from n8n once and handed out again (objects as copies,
 * so no item sees another's changes); a parameter with an expression is read for each item.
 */
export function itemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	let reads = runs.get(ctx);
	if (!reads) runs.set(ctx, (reads = new Map()));
	const key = JSON.stringify([name, fallback ?? null, options ?? null]);
	let read = reads.get(key);
	if (!read) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true }) as unknown;
		read = hasExpression(raw) ? { expression: true } : { expression: false, value: ctx.getNodeParameter(name, itemIndex, fallback, options) };
		reads.set(key, read);
	}
	if (read.expression) return ctx.getNodeParameter(name, itemIndex, fallback, options);
	return read.value !== null && typeof read.value === 'object' ? structuredClone(read.value) : read.value;
}
