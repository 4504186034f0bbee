'use strict';
// POST /invitations (B2B guests) and /users/{id}/sponsors: https://learn.microsoft.com/graph/api/invitation-post,
// https://learn.microsoft.com/graph/api/user-post-sponsors, user-delete-sponsors, user-list-sponsors.
const { randomUUID } = require('node:crypto');
const { badRequest, notFound, duplicateLink } = require('../errors');
const { governanceOf } = require('../governance');
const { nowIso } = require('../store');
const shared = require('./shared');

const EMAIL_RE = /^[^\s@<>()[\],;:"\\]+@([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$/;

/** The guest (or member) an address was already invited as: its mail or other mails. */
function invitedBefore(store, email) {
	const lower = email.toLowerCase();
	return store.listUsers().find((user) => user.creationType === 'Invitation' && [user.mail, ...(user.otherMails ?? [])].some((mail) => mail?.toLowerCase() === lower));
}

function invite(ctx) {
	const body = shared.requireProps(shared.jsonBody(ctx), ['invitedUserEmailAddress', 'inviteRedirectUrl']);
	const email = String(body.invitedUserEmailAddress);
	if (!EMAIL_RE.test(email)) throw badRequest(`The invited user email address is invalid: '${email}'.`, 'BadRequest');
	const userType = body.invitedUserType ?? 'Guest';
	if (!['Guest', 'Member'].includes(userType)) throw badRequest(`Invalid value specified for property 'invitedUserType' of resource 'Invitation'.`);
	const { store } = ctx;
	const domain = store.domains.find((d) => d.isInitial).name;
	// Inviting an address again returns the user it already has (and sends the mail again), not an error.
	let user = invitedBefore(store, email);
	if (!user) {
		const alias = email.replace('@', '_');
		user = store.createUser({
			displayName: body.invitedUserDisplayName || email.split('@')[0],
			userPrincipalName: `${alias}#EXT#@${domain}`,
			mail: email,
			otherMails: [email],
			mailNickname: alias.replace(/[^A-Za-z0-9._-]/g, ''),
			userType,
			creationType: 'Invitation',
			externalUserState: 'PendingAcceptance',
			externalUserStateChangeDateTime: nowIso(),
			accountEnabled: true,
			identities: [{ signInType: 'userPrincipalName', issuer: domain, issuerAssignedId: `${alias}#EXT#@${domain}` }],
		});
	}
	const id = randomUUID();
	const sendInvitationMessage = body.sendInvitationMessage === true;
	governanceOf(store).invitations.push({ id, userId: user.id, email, sendInvitationMessage, message: body.invitedUserMessageInfo?.customizedMessageBody ?? null });
	return {
		status: 201,
		body: {
			'@odata.context': `${ctx.base}/$metadata#invitations/$entity`,
			id,
			inviteRedeemUrl: `https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3ftenant%3d${store.tenantId}%26ticket%3d${id}`,
			invitedUserDisplayName: body.invitedUserDisplayName ?? null,
			invitedUserType: userType,
			invitedUserEmailAddress: email,
			sendInvitationMessage,
			resetRedemption: false,
			inviteRedirectUrl: body.inviteRedirectUrl,
			status: user.externalUserState === 'Accepted' ? 'Completed' : 'PendingAcceptance',
			invitedUser: { id: user.id },
			invitedUserMessageInfo: { messageLanguage: null, ccRecipients: [], customizedMessageBody: body.invitedUserMessageInfo?.customizedMessageBody ?? null },
		},
	};
}

const sponsorsOf = (ctx, userId) => {
	const all = governanceOf(ctx.store).sponsors;
	if (!all.has(userId)) all.set(userId, []);
	return all.get(userId);
};

function addSponsor(ctx, { user: id }) {
	const user = shared.userById(ctx, id);
	const targetId = shared.idFromRef(shared.jsonBody(ctx)['@odata.id']);
	const target = shared.objectById(ctx, targetId);
	const sponsors = sponsorsOf(ctx, user.id);
	if (sponsors.includes(target.record.id)) throw duplicateLink('sponsors');
	sponsors.push(target.record.id);
	return { status: 204 };
}

function removeSponsor(ctx, { user: id, sponsor }) {
	const user = shared.userById(ctx, id);
	const sponsors = sponsorsOf(ctx, user.id);
	const index = sponsors.indexOf(sponsor.toLowerCase());
	if (index === -1) throw notFound(sponsor);
	sponsors.splice(index, 1);
	return { status: 204 };
}

const routes = [
	['POST', '/invitations', invite],
	['POST', '/users/:user/sponsors/$ref', addSponsor],
	['DELETE', '/users/:user/sponsors/:sponsor/$ref', removeSponsor],
];
shared.relationship(routes, '/users/:user/sponsors', (ctx, { user }) => [...sponsorsOf(ctx, shared.userById(ctx, user).id)]);

module.exports = routes;
