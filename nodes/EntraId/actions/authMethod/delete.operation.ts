import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import type { AuthMethod, MethodType } from '../../directory/authMethods';
import { deleteMethod, isMethodType, listMethods, METHOD_ID, toAuthMethod } from '../../directory/authMethods';
import { userPath } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { clip, invalid, readUserRef, requireString } from '../../helpers/validation';
import { plannedEach } from '../execution';
import { AUTH_METHOD_HINT, DELETABLE_TYPES } from './fields';

export const properties: INodeProperties[] = [
	userIdLocator,
	{
		displayName: 'Method ID',
		name: 'methodId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3179e48a-750b-4051-897c-87b9720928f7',
		description: 'The ID of the method, as Get Many returns it (a GUID, or base64url text for FIDO2 keys and Windows Hello)',
	},
	{
		displayName: 'Method Type',
		name: 'methodType',
		type: 'options',
		default: '',
		options: DELETABLE_TYPES,
		description: 'The type of the method, as Get Many returns it. Each type is deleted on its own endpoint. The password method cannot be deleted.',
	},
	optionsCollection(),
];

const passwordRefused = (ref: { node: Parameters<typeof invalid>[0]['node']; itemIndex: number }) =>
	invalid({ ...ref, parameter: 'methodType' }, 'The password method cannot be deleted', 'Graph keeps the password method of every user. Use Reset Password instead.');

export const execute = plannedEach(
	function (itemIndex) {
		const node = this.getNode();
		const user = readUserRef(this, 'userId', itemIndex);
		const methodId = requireString({ node, parameter: 'methodId', itemIndex }, itemParameter(this, 'methodId', itemIndex), 'method ID');
		if (!METHOD_ID.test(methodId)) throw invalid({ node, parameter: 'methodId', itemIndex }, `"${clip(methodId)}" is not a valid authentication method ID`);
		const type: string = String(itemParameter(this, 'methodType', itemIndex, '') ?? '').trim();
		if (type === 'password') throw passwordRefused({ node, itemIndex });
		if (type !== '' && !isMethodType(type)) throw invalid({ node, parameter: 'methodType', itemIndex }, `"${clip(type)}" is not a known method type`);
		return { user, methodId, type };
	},
	async function (graph, { user, methodId, type, itemIndex }) {
		let methodType: string = type;
		if (methodType === '') {
			const methods = (await graph.collect(listMethods(userPath(user)), undefined, toAuthMethod)) as AuthMethod[];
			const found = methods.find((method) => method.id === methodId);
			if (!found) throw new NodeOperationError(this.getNode(), `User "${user.value}" has no authentication method with the ID "${methodId}"`, { itemIndex });
			if (found.type === 'password') throw passwordRefused({ node: this.getNode(), itemIndex });
			if (!isMethodType(found.type)) throw new NodeOperationError(this.getNode(), `Methods of the type "${found.type}" cannot be deleted through this node`, { itemIndex });
			methodType = found.type;
		}
		await graph.request(deleteMethod(userPath(user), methodType as MethodType, methodId));
		return { id: user.value, methodId, type: methodType, deleted: true };
	},
	AUTH_METHOD_HINT,
);
