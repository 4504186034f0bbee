'use strict';
// $filter for directory objects: a parser for the OData subset Graph accepts (eq ne gt ge lt le,
// in, not, and/or, startsWith/endsWith, any() lambdas, /$count) and a compiler that checks each
// clause against the property's documented support before turning it into a predicate.
const { badRequest, unsupportedQuery, noProperty } = require('./errors');
const { canonical, emptyValue } = require('./schema');

const EDM = { s: 'Edm.String', b: 'Edm.Boolean', d: 'Edm.DateTimeOffset', g: 'Edm.Guid', n: 'Edm.Int32', '[s]': 'Collection(Edm.String)', '[g]': 'Collection(Edm.Guid)', '[o]': 'Collection(Edm.ComplexType)', o: 'Edm.ComplexType' };
const OP_KIND = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };

// ---------------------------------------------------------------- tokens and syntax tree

const filterSyntaxError = (text, pos) =>
	badRequest(`Invalid filter clause: Syntax error at position ${pos} in '${text}'.`, 'BadRequest');

const LEXEMES = [
	['guid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/iy],
	['date', /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?(?![\w-])/y],
	['number', /-?\d+(\.\d+)?(?![\w-])/y],
	['ident', /\$?[A-Za-z_][A-Za-z0-9_]*/y],
];

function tokenize(text) {
	const tokens = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (/\s/.test(c)) {
			i++;
		} else if ('(),:/'.includes(c)) {
			tokens.push({ k: c, pos: i++ });
		} else if (c === "'") {
			let j = i + 1;
			let v = '';
			for (;;) {
				if (j >= text.length) throw filterSyntaxError(text, i);
				if (text[j] === "'") {
					if (text[j + 1] !== "'") break;
					j++;
				}
				v += text[j++];
			}
			tokens.push({ k: 'lit', type: 's', v, pos: i });
			i = j + 1;
		} else {
			const lexeme = LEXEMES.find(([, re]) => ((re.lastIndex = i), re.test(text)));
			if (!lexeme) throw filterSyntaxError(text, i);
			const [kind, re] = lexeme;
			const raw = text.slice(i, re.lastIndex);
			if (kind === 'ident') tokens.push({ k: 'ident', v: raw, pos: i });
			else if (kind === 'number') tokens.push({ k: 'lit', type: 'n', v: Number(raw), pos: i });
			else tokens.push({ k: 'lit', type: kind === 'guid' ? 'g' : 'd', v: raw, pos: i });
			i = re.lastIndex;
		}
	}
	return tokens;
}

function parseFilter(text) {
	const tokens = tokenize(text);
	let p = 0;
	const peek = () => tokens[p];
	const fail = () => {
		throw filterSyntaxError(text, peek() ? peek().pos : text.length);
	};
	const isWord = (word) => peek()?.k === 'ident' && peek().v.toLowerCase() === word;
	const expect = (k) => (peek()?.k === k ? tokens[p++] : fail());

	function orExpr() {
		let left = andExpr();
		while (isWord('or')) {
			p++;
			left = { t: 'or', a: left, b: andExpr() };
		}
		return left;
	}
	function andExpr() {
		let left = unary();
		while (isWord('and')) {
			p++;
			left = { t: 'and', a: left, b: unary() };
		}
		return left;
	}
	function unary() {
		if (isWord('not')) {
			p++;
			return { t: 'not', e: unary() };
		}
		if (peek()?.k === '(') {
			p++;
			const inner = orExpr();
			expect(')');
			return inner;
		}
		const left = operand();
		const word = peek()?.k === 'ident' ? peek().v.toLowerCase() : '';
		if (OP_KIND[word]) {
			p++;
			return { t: 'cmp', op: word, left, right: operand() };
		}
		if (word === 'in') {
			p++;
			expect('(');
			const list = [operand()];
			while (peek()?.k === ',') {
				p++;
				list.push(operand());
			}
			expect(')');
			return { t: 'in', left, list };
		}
		return { t: 'bool', e: left };
	}
	function operand() {
		const token = peek() ?? fail();
		if (token.k === 'lit') {
			p++;
			return { t: 'lit', type: token.type, v: token.v };
		}
		if (token.k !== 'ident') fail();
		const word = token.v.toLowerCase();
		p++;
		if (word === 'true' || word === 'false') return { t: 'lit', type: 'b', v: word === 'true' };
		if (word === 'null') return { t: 'lit', type: 'null', v: null };
		if (peek()?.k === '(') {
			if (word !== 'startswith' && word !== 'endswith') fail();
			p++;
			const args = [operand()];
			expect(',');
			args.push(operand());
			expect(')');
			return { t: 'fn', name: word, args };
		}
		const segs = [token.v];
		while (peek()?.k === '/') {
			p++;
			const seg = expect('ident').v;
			const lower = seg.toLowerCase();
			if ((lower === 'any' || lower === 'all') && peek()?.k === '(') {
				p++;
				if (peek()?.k === ')') {
					p++;
					return { t: 'lambda', kind: lower, segs };
				}
				const variable = expect('ident').v;
				expect(':');
				const body = orExpr();
				expect(')');
				return { t: 'lambda', kind: lower, segs, variable, body };
			}
			if (lower === '$count') return { t: 'count', segs };
			segs.push(seg);
		}
		return { t: 'path', segs };
	}

	if (!tokens.length) fail();
	const tree = orExpr();
	if (p < tokens.length) fail();
	return tree;
}

// ---------------------------------------------------------------- checks and evaluation

const lower = (v) => (typeof v === 'string' ? v.toLowerCase() : v);

function compareValues(type, a, b) {
	if (type === 'd') return Date.parse(a) - Date.parse(b);
	if (type === 'n') return a - b;
	const x = String(lower(a));
	const y = String(lower(b));
	return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Turns a $filter into a predicate over stored records, rejecting what Graph rejects:
 * unknown properties, type mismatches, operators a property does not support, and
 * advanced-only operators without ConsistencyLevel: eventual and $count=true.
 */
function compileFilter(text, schema, advanced) {
	const tree = parseFilter(text);
	const unsupported = (prop) =>
		unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${prop}' of resource '${schema.resource}'.`);
	const incompatible = (left, right, op) =>
		badRequest(
			`Invalid filter clause: A binary operator with incompatible types was detected. Found operand types '${EDM[left]}' and '${EDM[right]}' for operator kind '${OP_KIND[op] ?? 'Equal'}'.`,
			'BadRequest',
		);

	function requireCap(prop, cap) {
		const level = schema.filter[prop]?.[cap];
		if (!level || (level === 'advanced' && !advanced)) throw unsupported(prop);
	}

	// A path resolves to { prop (whose capabilities apply), type, get(record or element) }.
	function resolve(node, scope) {
		if (node.t !== 'path') throw unsupported(node.segs?.[0] ?? 'value');
		const [first, ...rest] = node.segs;
		if (scope && first === scope.variable) {
			if (!rest.length) return { prop: scope.prop, type: scope.elementType, get: (el) => el };
			const sub = scope.subProps && Object.keys(scope.subProps).find((k) => k.toLowerCase() === rest[0].toLowerCase());
			if (!sub || rest.length > 1) throw noProperty(rest[0], schema.type);
			return { prop: scope.prop, type: scope.subProps[sub], get: (el) => el?.[sub] ?? null };
		}
		const prop = canonical(schema, first);
		if (!prop) throw noProperty(first, schema.type);
		if (!rest.length) return { prop, type: schema.props[prop], get: (rec) => rec[prop] ?? emptyValue(schema, prop) };
		const subs = schema.subProps?.[prop];
		const sub = subs && Object.keys(subs).find((k) => k.toLowerCase() === rest[0].toLowerCase());
		if (!sub || rest.length > 1 || schema.props[prop] !== 'o') throw noProperty(rest[0], schema.type);
		return { prop, type: subs[sub], get: (rec) => rec[prop]?.[sub] ?? null };
	}

	function literal(node, type, op) {
		if (node.t !== 'lit') throw filterSyntaxError(text, 0);
		if (node.type !== 'null' && node.type !== type) throw incompatible(type, node.type, op);
		return node.v;
	}

	function compile(node, scope) {
		switch (node.t) {
			case 'or': {
				const a = compile(node.a, scope);
				const b = compile(node.b, scope);
				return (r) => a(r) || b(r);
			}
			case 'and': {
				const a = compile(node.a, scope);
				const b = compile(node.b, scope);
				return (r) => a(r) && b(r);
			}
			case 'not': {
				if (!advanced) throw unsupportedQuery("Filter operator 'Not' is not supported.");
				const e = compile(node.e, scope);
				return (r) => !e(r);
			}
			case 'cmp':
				return comparison(node, scope);
			case 'in': {
				const path = resolve(node.left, scope);
				requireCap(path.prop, 'in');
				const values = new Set(node.list.map((item) => lower(literal(item, path.type, 'eq'))));
				return (r) => values.has(lower(path.get(r)));
			}
			case 'bool':
				return boolOperand(node.e, scope);
			default:
				throw filterSyntaxError(text, 0);
		}
	}

	function comparison(node, scope) {
		if (node.left.t === 'count') return countComparison(node, scope);
		const path = resolve(node.left, scope);
		const { op } = node;
		if (path.type.startsWith('[')) throw incompatible(path.type, node.right.type ?? 's', op);
		const value = literal(node.right, path.type, op);
		if (op === 'ne' && !advanced) throw unsupportedQuery("Filter operator 'NotEqualsMatch' is not supported.");
		requireCap(path.prop, value === null ? 'null' : op === 'eq' || op === 'ne' ? 'eq' : 'range');
		if (value === null) {
			return op === 'eq' ? (r) => path.get(r) === null : (r) => path.get(r) !== null;
		}
		const test = {
			eq: (c) => c === 0,
			ne: (c) => c !== 0,
			gt: (c) => c > 0,
			ge: (c) => c >= 0,
			lt: (c) => c < 0,
			le: (c) => c <= 0,
		}[op];
		return (r) => {
			const v = path.get(r);
			if (v === null || v === undefined) return op === 'ne';
			return test(compareValues(path.type, v, value));
		};
	}

	function countComparison(node, scope) {
		if (!advanced) throw unsupported(node.left.segs[0]);
		const path = resolve({ t: 'path', segs: node.left.segs }, scope);
		if (!path.type.startsWith('[')) throw unsupported(path.prop);
		const value = literal(node.right, 'n', node.op);
		return (r) => {
			const diff = path.get(r).length - value;
			return { eq: diff === 0, ne: diff !== 0, gt: diff > 0, ge: diff >= 0, lt: diff < 0, le: diff <= 0 }[node.op];
		};
	}

	function boolOperand(node, scope) {
		if (node.t === 'fn') {
			const [target, arg] = node.args;
			const path = resolve(target, scope);
			const value = lower(literal(arg, 's', 'eq'));
			if (path.type !== 's') throw incompatible(path.type, 's', 'eq');
			if (node.name === 'endswith') {
				if (!advanced) {
					throw unsupportedQuery(
						"Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
					);
				}
				requireCap(path.prop, 'ew');
			} else {
				requireCap(path.prop, 'sw');
			}
			const test = node.name === 'endswith' ? (v) => v.endsWith(value) : (v) => v.startsWith(value);
			return (r) => {
				const v = path.get(r);
				return v !== null && test(v.toLowerCase());
			};
		}
		if (node.t === 'lambda') {
			if (node.kind === 'all') throw unsupported(node.segs[0]);
			const collection = resolve({ t: 'path', segs: node.segs }, scope);
			if (!collection.type.startsWith('[')) throw unsupported(collection.prop);
			if (!node.body) {
				requireCap(collection.prop, 'eq');
				return (r) => collection.get(r).length > 0;
			}
			const elementType = collection.type.slice(1, -1);
			const inner = compile(node.body, {
				variable: node.variable,
				prop: collection.prop,
				elementType,
				subProps: elementType === 'o' ? schema.subProps?.[collection.prop] : undefined,
			});
			return (r) => collection.get(r).some((el) => inner(el));
		}
		throw filterSyntaxError(text, 0);
	}

	return compile(tree, null);
}

module.exports = { compileFilter };
