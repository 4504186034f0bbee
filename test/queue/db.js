'use strict';
// n8n's Postgres database as the queue test reads it: executions (status, which workflow) and
// their data, with the `pg` and `flatted` modules of the n8n install under test (n8n stores
// execution data with flatted). Read-only.
const fs = require('node:fs');
const path = require('node:path');

/**
 * node_modules of the n8n install that N8N_BIN belongs to: node_modules/.bin/n8n (a link to
 * node_modules/n8n/bin/n8n), or the current line's launcher beside its node_modules.
 */
function n8nModules() {
	const bin = fs.realpathSync(process.env.N8N_BIN);
	const beside = path.join(path.dirname(bin), 'node_modules');
	return fs.existsSync(beside) ? beside : path.resolve(bin, '..', '..', '..');
}

async function connect() {
	const modules = n8nModules();
	const { Client } = require(path.join(modules, 'pg'));
	const { parse } = require(path.join(modules, 'flatted'));
	const client = new Client({
		host: '127.0.0.1',
		port: Number(process.env.PG_PORT),
		user: 'postgres',
		password: process.env.PG_PASSWORD,
		database: 'n8n',
	});
	await client.connect();

	/** Executions of a workflow (all when none is given) after id `after`, oldest first. */
	async function executions({ workflowId, after = 0, withData = false } = {}) {
		const { rows } = await client.query(
			`select e.id, e."workflowId", e.status, e.mode, e."startedAt", e."stoppedAt"${withData ? ', d.data' : ''}
			 from execution_entity e ${withData ? 'left join execution_data d on d."executionId" = e.id' : ''}
			 where e.id > $1 and ($2::text is null or e."workflowId" = $2) order by e.id`,
			[after, workflowId ?? null],
		);
		return rows.map((row) => ({ ...row, id: Number(row.id), data: row.data ? parse(row.data) : undefined }));
	}

	async function lastExecutionId() {
		const { rows } = await client.query('select coalesce(max(id), 0) as id from execution_entity');
		return Number(rows[0].id);
	}

	/** One execution with its data, or undefined. */
	async function execution(id) {
		const { rows } = await client.query(
			`select e.id, e."workflowId", e.status, e.mode, e."startedAt", e."stoppedAt", d.data
			 from execution_entity e left join execution_data d on d."executionId" = e.id where e.id = $1`,
			[id],
		);
		return rows.map((row) => ({ ...row, id: Number(row.id), data: row.data ? parse(row.data) : undefined }))[0];
	}

	return { executions, lastExecutionId, execution, close: () => client.end() };
}

module.exports = { connect, n8nModules };
