import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EntraId } from '../../../nodes/EntraId/EntraId.node';
import { EntraIdTrigger } from '../../../nodes/EntraIdTrigger/EntraIdTrigger.node';

/** The JavaScript inside a subtitle's `={{ … }}`, evaluated with the given parameters as n8n's canvas does. */
function subtitleOf(subtitle: string | undefined, parameters: Record<string, unknown>): unknown {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle ?? '')?.[1];
	expect(body).toBeDefined();
	return new Function('$parameter', `return (${body});`)(parameters);
}

const optionsOf = (property: INodeProperties) => property.options as INodePropertyOptions[];

describe('Subtitles on the canvas', () => {
	it("name every operation by its option's display name and the resource's, never by stored values", () => {
		const { properties, subtitle } = new EntraId().description;
		const resources = optionsOf(properties.find((property) => property.name === 'resource')!);
		const seen: string[] = [];
		for (const resource of resources) {
			const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value));
			for (const option of optionsOf(operation!)) {
				const shown = subtitleOf(subtitle, { resource: resource.value, operation: option.value });
				expect(shown).toBe(`${option.name.replace(/ \(.*\)$/, '')}: ${resource.name}`);
				seen.push(String(shown));
			}
		}
		expect(seen).toContain('Get Many: User');
		expect(seen.length).toBeGreaterThan(30);
	});

	it("name the trigger's events by their display names", () => {
		const { subtitle } = new EntraIdTrigger().description;
		expect(subtitleOf(subtitle, { event: ['userCreated', 'memberAdded'] })).toBe('User Created, Member Added');
		expect(subtitleOf(subtitle, { event: undefined })).toBe('');
	});
});
