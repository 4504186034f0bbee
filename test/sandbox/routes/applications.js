'use strict';
// /applications and /servicePrincipals with their passwordCredentials (client secrets) and
// keyCredentials (certificates): https://learn.microsoft.com/graph/api/application-list.
const { notFound } = require('../errors');
const { governanceOf } = require('../governance');
const { schemas } = require('../schema');
const shared = require('./shared');

function collection(name, type) {
	const records = (ctx) => governanceOf(ctx.store)[name];
	return [
		['GET', `/${name}`, (ctx) => shared.listResponse(ctx, { schema: schemas[type], load: () => records(ctx), set: name, live: () => true })],
		['GET', `/${name}/:id`, (ctx, { id }) => {
			const record = records(ctx).find((object) => object.id === id.toLowerCase());
			if (!record) throw notFound(id);
			return shared.entityResponse(ctx, record, { set: name });
		}],
	];
}

module.exports = [...collection('applications', 'application'), ...collection('servicePrincipals', 'servicePrincipal')];
