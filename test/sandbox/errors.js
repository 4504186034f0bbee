'use strict';
// Graph's error body and the errors the sandbox answers with (codes and messages as Graph sends them).

class GraphError extends Error {
	constructor(status, code, message, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.headers = headers;
	}
}

function errorBody(code, message, requestId, clientRequestId) {
	return {
		error: {
			code,
			message,
			innerError: {
				date: new Date().toISOString().slice(0, 19),
				'request-id': requestId,
				'client-request-id': clientRequestId,
			},
		},
	};
}

const badRequest = (message, code = 'Request_BadRequest') => new GraphError(400, code, message);

module.exports = {
	GraphError,
	errorBody,
	badRequest,
	notFound: (id) =>
		new GraphError(
			404,
			'Request_ResourceNotFound',
			`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
		),
	unsupportedQuery: (message) => new GraphError(400, 'Request_UnsupportedQuery', message),
	denied: () => new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
	invalidValue: (prop, resource) => badRequest(`Invalid value specified for property '${prop}' of resource '${resource}'.`),
	requiredValue: (prop) => badRequest(`Property ${prop} value is required but is empty or missing.`),
	invalidId: (id) => badRequest(`Invalid object identifier '${id}'.`),
	noProperty: (prop, type) => badRequest(`Could not find a property named '${prop}' on type 'microsoft.graph.${type}'.`, 'BadRequest'),
	duplicateLink: (prop) =>
		badRequest(`One or more added object references already exist for the following modified properties: '${prop}'.`),
	methodNotAllowed: () => new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
	segmentNotFound: (segment) => badRequest(`Resource not found for the segment '${segment}'.`, 'BadRequest'),
	missingParameters: (operation, names) =>
		badRequest(
			`One or more parameters of the operation '${operation}' are missing from the request payload. The missing parameters are: ${names.join(', ')}.`,
			'BadRequest',
		),
};
