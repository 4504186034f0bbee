import { resourceDescription } from '../registry';
import * as addSponsor from './addSponsor.operation';
import * as assignLicense from './assignLicense.operation';
import * as checkGroups from './checkGroups.operation';
import * as create from './create.operation';
import * as remove from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDirectReports from './getDirectReports.operation';
import * as getGroups from './getGroups.operation';
import * as getInactive from './getInactive.operation';
import * as getManager from './getManager.operation';
import * as getProfile from './getProfile.operation';
import * as getSponsors from './getSponsors.operation';
import * as invite from './invite.operation';
import * as offboard from './offboard.operation';
import * as removeLicense from './removeLicense.operation';
import * as removeManager from './removeManager.operation';
import * as removeSponsor from './removeSponsor.operation';
import * as resetPassword from './resetPassword.operation';
import * as revokeSessions from './revokeSessions.operation';
import * as setManager from './setManager.operation';
import * as update from './update.operation';

/** The user operations, by the names stored in workflows. */
export const operations = {
	addSponsor,
	assignLicense,
	checkGroups,
	create,
	delete: remove,
	disable,
	enable,
	get,
	getAll,
	getDirectReports,
	getGroups,
	getInactive,
	getManager,
	getProfile,
	getSponsors,
	invite,
	offboard,
	removeLicense,
	removeManager,
	removeSponsor,
	resetPassword,
	revokeSessions,
	setManager,
	update,
};

export const description = resourceDescription('user', operations, 'get', [
	{
		name: 'Add Sponsor',
		value: 'addSponsor',
		description: 'Make a user (by ID or UPN) a sponsor of a user; a sponsor already there is unchanged',
		action: 'Add a sponsor to a user',
	},
	{
		name: 'Assign License',
		value: 'assignLicense',
		description: 'Assign a license to a user',
		action: 'Assign a license to a user',
	},
	{
		name: 'Check Groups',
		value: 'checkGroups',
		description: 'Check which of some groups a user belongs to',
		action: 'Check group membership of a user',
	},
	{
		name: 'Create',
		value: 'create',
		description: 'Create a user',
		action: 'Create a user',
	},
	{
		name: 'Delete',
		value: 'delete',
		description: 'Delete a user (restorable for 30 days)',
		action: 'Delete a user',
	},
	{
		name: 'Disable',
		value: 'disable',
		description: 'Block a user from signing in',
		action: 'Disable a user',
	},
	{
		name: 'Enable',
		value: 'enable',
		description: 'Let a user sign in again',
		action: 'Enable a user',
	},
	{
		name: 'Get',
		value: 'get',
		description: 'Get a user',
		action: 'Get a user',
	},
	{
		name: 'Get Direct Reports',
		value: 'getDirectReports',
		description: 'Get the direct reports of a user',
		action: 'Get direct reports of a user',
	},
	{
		name: 'Get Groups',
		value: 'getGroups',
		description: 'Get the groups of a user',
		action: 'Get groups of a user',
	},
	{
		name: 'Get Inactive',
		value: 'getInactive',
		description: 'List users whose last successful sign-in is older than a number of days (needs Entra ID P1)',
		action: 'Get inactive users',
	},
	{
		name: 'Get Manager',
		value: 'getManager',
		description: 'Get the manager of a user',
		action: 'Get the manager of a user',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: 'Get many users',
		action: 'Get many users',
	},
	{
		name: 'Get My Profile (Delegated Only)',
		value: 'getProfile',
		description: 'Get the signed-in user; delegated credential only, as app-only has no signed-in user',
		action: 'Get my profile',
	},
	{
		name: 'Get Sponsors',
		value: 'getSponsors',
		description: 'List the sponsors of a user (users or groups)',
		action: 'Get sponsors of a user',
	},
	{
		name: 'Invite',
		value: 'invite',
		description: 'Invite an external user as a guest (B2B), with optional sponsors; inviting an existing guest returns that guest',
		action: 'Invite a guest user',
	},
	{
		name: 'Offboard (Leaver)',
		value: 'offboard',
		description:
			'Offboard a leaver in one step: disable sign-in, revoke sessions, leave groups, remove licenses, manager, group ownerships and MFA methods, optionally delete. Call it first with Dry Run on to see the plan; a repeated run changes nothing.',
		action: 'Offboard a user',
	},
	{
		name: 'Remove License',
		value: 'removeLicense',
		description: 'Remove a license from a user',
		action: 'Remove a license from a user',
	},
	{
		name: 'Remove Manager',
		value: 'removeManager',
		description: 'Remove the manager of a user',
		action: 'Remove the manager of a user',
	},
	{
		name: 'Remove Sponsor',
		value: 'removeSponsor',
		description: 'Remove a sponsor from a user; a sponsor not there is unchanged',
		action: 'Remove a sponsor from a user',
	},
	{
		name: 'Reset Password',
		value: 'resetPassword',
		description: 'Reset the password of a user',
		action: 'Reset the password of a user',
	},
	{
		name: 'Revoke Sessions',
		value: 'revokeSessions',
		description: 'Sign a user out everywhere',
		action: 'Revoke all sign in sessions of a user',
	},
	{
		name: 'Set Manager',
		value: 'setManager',
		description: 'Set the manager of a user',
		action: 'Set the manager of a user',
	},
	{
		name: 'Update',
		value: 'update',
		description: 'Update a user',
		action: 'Update a user',
	},
]);
