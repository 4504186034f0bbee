import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, optionsCollection } from '../../descriptions/common';
import { choiceField } from '../../descriptions/fields';
import { groupIdLocator } from '../../descriptions/locators';
import type { ParameterRef } from '../../helpers/validation';
import { describeType, invalid, readGroupId, requireMailNickname, requireString } from '../../helpers/validation';
import { MAX_DISPLAY_NAME } from '../../../shared/values';
import { planned } from '../execution';
import { itemParameter } from '../../helpers/parameters';


export const properties: INodeProperties[] = [
	groupIdLocator,
	fieldsCollection('updateFields', [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'The new description. Leave empty to clear it.',
		},
		{
			displayName: 'Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			description: 'The new display name (at most 256 characters; it cannot be cleared)',
		},
		{
			displayName: 'Mail Nickname',
			name: 'mailNickname',
			type: 'string',
			default: '',
			hint: 'At most 64 ASCII characters, without spaces or @ ( ) \\ [ ] " ; : < > ,',
			description: 'The new mail alias of the group',
		},
		{
			displayName: 'Membership Rule (Dynamic)',
			name: 'membershipRule',
			type: 'string',
			default: '',
			placeholder: 'e.g. user.department -eq "Sales"',
			description: 'The new membership rule of a group that already has dynamic membership',
		},
		choiceField('Membership Rule Processing', 'membershipRuleProcessingState', 'On', 'Whether a dynamic group applies its membership rule', [
			['On', 'On', 'Entra ID applies the rule and keeps the members in line with it'],
			['Paused', 'Paused', 'Entra ID stops changing the members until processing is turned on again'],
		]),
		choiceField('Visibility', 'visibility', 'Private', 'Who can join and see the group. Hidden Membership can only be set when a Microsoft 365 group is created.', [
			['Private', 'Private', 'Owners approve who joins; only members see the content'],
			['Public', 'Public', 'Anyone in the organisation can join and see the content'],
		]),
	]),
	optionsCollection(),
];

const CHOICES: Record<string, string[]> = { membershipRuleProcessingState: ['On', 'Paused'], visibility: ['Private', 'Public'] };

/** The PATCH body from Update Fields, each value checked before anything is sent. */
function patchFrom(fields: IDataObject, ref: (name: string) => ParameterRef): IDataObject {
	const patch: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (name === 'description') {
			if (typeof value !== 'string') throw invalid(ref(name), `The description must be text, not ${describeType(value)}`);
			patch.description = value === '' ? null : value;
		} else if (name === 'displayName') {
			const text = requireString(ref(name), value, 'display name');
			if (text.length > MAX_DISPLAY_NAME) throw invalid(ref(name), `The display name has ${text.length} characters; Graph allows at most ${MAX_DISPLAY_NAME}`);
			patch.displayName = text;
		} else if (name === 'mailNickname') {
			patch.mailNickname = requireMailNickname(ref(name), value);
		} else if (name === 'membershipRule') {
			patch.membershipRule = requireString(ref(name), value, 'membership rule');
		} else if (CHOICES[name]) {
			if (typeof value !== 'string' || !CHOICES[name].includes(value)) {
				const extra = name === 'visibility' && value === 'HiddenMembership' ? ' (Hidden Membership can only be set when a Microsoft 365 group is created)' : '';
				throw invalid(ref(name), `${JSON.stringify(value)} is not one of ${CHOICES[name].join(', ')}${extra}`);
			}
			patch[name] = value;
		}
	}
	return patch;
}

export const execute = planned(function (itemIndex) {
	const node = this.getNode();
	const groupId = readGroupId(this, 'groupId', itemIndex);
	const fields = itemParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
	const patch = patchFrom(fields, (name) => ({ node, parameter: `updateFields.${name}`, itemIndex }));
	if (Object.keys(patch).length === 0) {
		throw invalid({ node, parameter: 'updateFields', itemIndex }, 'Nothing to update', 'Add at least one field under Update Fields.');
	}
	return {
		call: { method: 'PATCH', url: `/groups/${groupId}`, body: patch },
		output: () => ({ id: groupId, updated: true }),
		hint: { resource: `group "${groupId}"`, permission: 'Group.ReadWrite.All' },
	};
});
