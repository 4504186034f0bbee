import { readFields, returnAllOrLimit } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { userPath } from '../../directory/users';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { outputChoice, pageSize } from '../../helpers/query';
import { readLimit, readUserRef } from '../../helpers/validation';
import { perItem } from '../execution';

export const properties = [userIdLocator, ...returnAllOrLimit(), ...readFields('users')];

export const execute = perItem(
	async function (graph, itemIndex) {
		const user = readUserRef(this, 'userId', itemIndex);
		const limit = readLimit(this, itemIndex);
		const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
		const call = {
			method: 'GET' as const,
			url: `${userPath(user)}/directReports`,
			qs: { $top: pageSize(limit, select), $select: select },
		};
		return await graph.collect(call, limit, (report) => shape(report, mode));
	},
	{ permission: 'User.Read.All' },
);
