import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialTypes,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
	Workflow,
	IDataObject,
	IAuthenticateGeneric,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow as WorkflowClass } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

/**
 * An in-memory credential store that behaves like n8n's CLI CredentialsHelper where it matters:
 * parent types through `extends`, defaults and `$self` expressions applied on read, generic and
 * function `authenticate`, expirable fields refreshed by `preAuthentication`, and OAuth2 token
 * data written back after a refresh (so a refreshed token is used by the next execution).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Stored credential data by credential type. */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** How often preAuthentication ran, by type (to assert token reuse). */
	readonly preAuthenticationCount = new Map<string, number>();

	constructor(private readonly credentialTypes: ICredentialTypes & { getByName(name: string): ICredentialType }) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.credentialTypes.getByName(name);
		const parents = type.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	private properties(type: string): INodeProperties[] {
		const own = this.credentialTypes.getByName(type).properties;
		const inherited = (this.credentialTypes.getByName(type).extends ?? []).flatMap((parent) => this.properties(parent));
		const names = new Set(own.map((property) => property.name));
		return [...inherited.filter((property) => !names.has(property.name)), ...own];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.properties(type);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(type);
		if (!stored) throw new Error(`No test credential of type "${type}"`);
		return this.applyDefaults(type, stored);
	}

	/** Defaults of every (inherited) property, then `={{ }}` expressions resolved with `$self`. */
	applyDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(this.properties(type), data as never, true, false, null, null) as IDataObject;
		const merged = { ...data, ...withDefaults } as ICredentialDataDecryptedObject;
		const node: INode = { id: 'cred', name: 'Credential', type: 'cred', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new WorkflowClass({ nodes: [node], connections: {}, active: false, nodeTypes: emptyNodeTypes });
		const resolved = workflow.expression.getComplexParameterValue(node, merged as never, 'internal', {}, undefined, undefined, merged);
		return resolved as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes.getByName(typeName);
		const authenticate = type.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate) return requestOptions;
		const generic = authenticate as IAuthenticateGeneric;
		const resolve = (value: unknown) =>
			workflow.expression.getParameterValue(value as never, null, 0, 0, node.name, [], 'internal', { $credentials: credentials } as never, undefined, false, credentials) as string;
		for (const [target, values] of Object.entries(generic.properties)) {
			const bucket = ((requestOptions as unknown as IDataObject)[target] ??= {}) as IDataObject;
			for (const [key, value] of Object.entries(values as IDataObject)) bucket[key] = resolve(value);
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const expirable = this.properties(typeName).find((property) => property.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		this.preAuthenticationCount.set(typeName, (this.preAuthenticationCount.get(typeName) ?? 0) + 1);
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		this.store.set(typeName, { ...(this.store.get(typeName) ?? {}), ...output });
		return { ...credentials, ...output };
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.store.set(type, { ...(this.store.get(type) ?? {}), ...data });
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, { ...(this.store.get(type) ?? {}), oauthTokenData: data.oauthTokenData });
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

const emptyNodeTypes = {
	getByName: () => undefined as never,
	getByNameAndVersion: () => undefined as never,
	getKnownTypes: () => ({}),
};
