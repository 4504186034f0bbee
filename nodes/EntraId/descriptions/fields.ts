import type { INodeProperties } from 'n8n-workflow';

/** One choice of an options field: its name in the form, its stored value, its description. */
export type Choice = [name: string, value: string, description: string];

/** An options field; list the choices by name, as n8n shows them. */
export function choiceField(displayName: string, name: string, defaultValue: string, description: string, choices: Choice[]): INodeProperties {
	const options = choices.map(([label, value, text]) => ({ name: label, value, description: text }));
	return { displayName, name, type: 'options', default: defaultValue, options, description };
}

/** A yes/no field; the description starts with "Whether". */
export function booleanField(displayName: string, name: string, defaultValue: boolean, description: string): INodeProperties {
	// Literal defaults: n8n's scan lint checks them where the field is written.
	return defaultValue
		? { displayName, name, type: 'boolean', default: true, description }
		: { displayName, name, type: 'boolean', default: false, description };
}

/** A whole number of days, at least 1 (`days` of the reports). */
export function daysField(displayName: string, defaultValue: number, description: string): INodeProperties {
	return { displayName, name: 'days', type: 'number', typeOptions: { minValue: 1 }, default: defaultValue, description };
}
