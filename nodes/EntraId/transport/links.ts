import { isUnderRoot } from '../../../credentials/hosts';
import { GraphError } from './errors';

/** A link from a response that points anywhere but the credential's Graph host. */
export class ForeignLinkError extends GraphError {
	constructor(link: string) {
		let host = 'another host';
		try {
			host = new URL(link).origin;
		} catch {}
		super(
			0,
			'ForeignNextLink',
			`Graph returned a paging link to ${host}, which is not the credential's Graph endpoint. The node stopped so the access token is not sent there.`,
		);
		// The node's own finding, not Graph's error: it is the message, not a generic one.
		this.advice = this.graphMessage;
	}
}

/** The link itself when it is on the credential's Graph root (same origin, below the root's path at a `/`), else the error to stop with. */
export function pinnedLink(root: string, link: string): string {
	if (!isUnderRoot(link, root)) throw new ForeignLinkError(link);
	return link;
}
