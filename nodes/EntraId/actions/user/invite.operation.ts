import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { booleanField, choiceField } from '../../descriptions/fields';
import type { Link } from '../../directory/references';
import { addLinks } from '../../directory/references';
import { USER_SPONSORS } from '../../directory/relations';
import type { UserRef } from '../../directory/users';
import { resolveUserIds } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { requireEmail, requireWebUrl } from '../../helpers/values';
import { invalid, parseList, requireUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { GraphError } from '../../transport/errors';
import type { GraphCall } from '../../transport/types';
import type { ItemResult } from '../execution';
import { asNodeError, planItems } from '../execution';
import { beforeFirstFailure, stopsAt } from '../waves';

export const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. partner@fabrikam.com',
		required: true,
		default: '',
		description: "The guest's email address. Inviting an address that already has a guest account returns that same account.",
	},
	{
		displayName: 'Redirect URL',
		name: 'redirectUrl',
		type: 'string',
		required: true,
		default: 'https://myapps.microsoft.com',
		description: 'Where the guest lands after redeeming the invitation',
	},
	optionsCollection([
		{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', description: "The guest's display name" },
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Your own text in the invitation email',
		},
		booleanField(
			'Send Invitation Email',
			'sendInvitationMessage',
			true,
			'Whether Microsoft sends the invitation email. Turn off to send the Invite Redeem URL of the output yourself.',
		),
		{
			displayName: 'Sponsor IDs',
			name: 'sponsorIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8b2c5d3e-…, ada@contoso.com',
			description: 'Users (IDs or UPNs, comma-separated or a list) who become the guest\'s sponsors',
		},
		choiceField('User Type', 'userType', 'Guest', 'The user type the invited account gets', [
			['Guest', 'Guest', 'An external guest (the usual choice)'],
			['Member', 'Member', 'An external member, with the rights of members of your organisation'],
		]),
	]),
];

interface Plan {
	email: string;
	body: IDataObject;
	sponsors: UserRef[];
}

const HINT = { permission: 'User.Invite.All (and User.ReadWrite.All for sponsors); delegated: at least the Guest Inviter role' };

function plan(ctx: IExecuteFunctions, itemIndex: number): Plan {
	const node = ctx.getNode();
	const ref = (parameter: string) => ({ node, parameter, itemIndex });
	const email = requireEmail(ref('email'), itemParameter(ctx, 'email', itemIndex, ''));
	const redirectUrl = requireWebUrl(ref('redirectUrl'), itemParameter(ctx, 'redirectUrl', itemIndex, 'https://myapps.microsoft.com'));
	const options = itemParameter(ctx, 'options', itemIndex, {}) as IDataObject;
	const userType = options.userType ?? 'Guest';
	if (userType !== 'Guest' && userType !== 'Member') throw invalid(ref('options.userType'), `"${String(userType)}" is not Guest or Member`);
	if (options.sendInvitationMessage !== undefined && typeof options.sendInvitationMessage !== 'boolean') {
		throw invalid(ref('options.sendInvitationMessage'), 'Send Invitation Email must be true or false');
	}
	const body: IDataObject = {
		invitedUserEmailAddress: email,
		inviteRedirectUrl: redirectUrl,
		sendInvitationMessage: options.sendInvitationMessage ?? true,
		invitedUserType: userType,
	};
	if (typeof options.displayName === 'string' && options.displayName.trim()) body.invitedUserDisplayName = options.displayName.trim();
	if (typeof options.message === 'string' && options.message.trim()) body.invitedUserMessageInfo = { customizedMessageBody: options.message };
	const sponsors = parseList(ref('options.sponsorIds'), options.sponsorIds).map((value) => requireUserRef(ref('options.sponsorIds'), value));
	return { email, body, sponsors };
}

/**
 * Invite: POST /invitations for every item (in $batch envelopes), then the sponsors of every
 * invited user in one round of `$ref` adds. Graph answers a repeated invitation with the guest
 * it already has, and a sponsor already set counts as done, so running an item again is safe.
 */
export async function execute(this: IExecuteFunctions, graph: GraphClient, itemCount: number): Promise<ItemResult[]> {
	const { results, plans } = planItems(this, itemCount, (itemIndex) => plan(this, itemIndex));
	// Sponsors given by UPN are looked up first: an item whose sponsor does not exist invites nobody.
	const sponsorIds = await resolveUserIds(graph, plans.flatMap((entry) => entry.sponsors));
	const invitable: Array<(typeof plans)[number] & { sponsorIds: string[] }> = [];
	for (const entry of plans) {
		const ids = entry.sponsors.map((sponsor) => sponsorIds.get(sponsor.value) ?? sponsor.value);
		const missing = ids.findIndex((id) => id instanceof GraphError);
		if (missing === -1) invitable.push({ ...entry, sponsorIds: ids as string[] });
		else {
			const sponsor = entry.sponsors[missing].value;
			const advice = { Request_ResourceNotFound: `Sponsor "${sponsor}" does not exist, so ${entry.email} was not invited. Check the sponsor's UPN.` };
			results[entry.itemIndex] = { error: asNodeError(this, ids[missing], entry.itemIndex, { ...HINT, resource: `sponsor "${sponsor}"`, advice }) };
		}
	}
	const ready = beforeFirstFailure(this, invitable, results);
	const calls: GraphCall[] = ready.map(({ body }) => ({ method: 'POST', url: '/invitations', body }));
	const answers = await graph.executeAll(calls);

	const links: Array<Link & { itemIndex: number }> = [];
	ready.forEach((entry, index) => {
		const answer = answers[index];
		if (answer instanceof GraphError) {
			results[entry.itemIndex] = { error: asNodeError(this, answer, entry.itemIndex, { ...HINT, resource: `the invitation of ${entry.email}` }) };
			return;
		}
		const invitedUser = (answer.body.invitedUser ?? {}) as IDataObject;
		const id = String(invitedUser.id);
		const json: IDataObject = { id, email: entry.email, inviteRedeemUrl: answer.body.inviteRedeemUrl, status: answer.body.status };
		if (entry.sponsorIds.length) json.sponsorIds = entry.sponsorIds;
		results[entry.itemIndex] = { items: [json] };
		for (const targetId of entry.sponsorIds) links.push({ sourceId: id, targetId, itemIndex: entry.itemIndex });
	});

	// A guest just created may not be visible everywhere yet: addLinks retries its 404s.
	const outcomes = await addLinks(graph, USER_SPONSORS, links.map(({ sourceId, targetId }) => ({ sourceId, targetId })));
	links.forEach((link, index) => {
		const outcome = outcomes[index];
		if (outcome.status === 'failed' && !('error' in results[link.itemIndex])) {
			results[link.itemIndex] = { error: asNodeError(this, sponsorFailure(outcome.error, link.sourceId, link.targetId), link.itemIndex, HINT) };
		}
	});
	stopsAt(this, ready, results);
	return results;
}

/** The guest exists, its sponsor could not be set: say both, so nobody invites again in vain. */
function sponsorFailure(error: GraphError, guestId: string, sponsor: string): GraphError {
	error.advice = `The guest was invited (user ${guestId}), but sponsor "${sponsor}" could not be added: ${error.graphMessage} Fix the sponsor and run the item again (a repeated invitation returns the same guest), or use Add Sponsor.`;
	return error;
}
