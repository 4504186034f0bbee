import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request that reached a test listener, with what it carried. */
export interface Visit {
	method?: string;
	url?: string;
	authorization?: string;
	body: string;
}

export interface Listener {
	/** `http://127.0.0.1:PORT` */
	base: string;
	visits: Visit[];
	close(): Promise<void>;
}

type Answer = (visit: Visit, res: http.ServerResponse) => void;

/** Answers every request with a small JSON body, as a host that would gladly take a token. */
export const acceptEverything: Answer = (_visit, res) => {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end(JSON.stringify({ value: [{ id: 'stolen' }] }));
};

/**
 * A local HTTP listener that plays another host (or a hostile gateway): it records every request,
 * its Authorization header and body, and answers with `answer`.
 */
export async function startListener(answer: Answer = acceptEverything): Promise<Listener> {
	const visits: Visit[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const visit = { method: req.method, url: req.url, authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') };
			visits.push(visit);
			answer(visit, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		visits,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

/** Starts a listener for the test file and closes it afterwards. */
export function useListener(answer?: Answer): { current: Listener } {
	const holder = {} as { current: Listener };
	beforeAll(async () => {
		holder.current = await startListener(answer);
	});
	beforeEach(() => {
		holder.current.visits.length = 0;
	});
	afterAll(async () => await holder.current?.close());
	return holder;
}
