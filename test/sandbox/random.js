'use strict';
// Seeded PRNG (xmur3 + mulberry32): seeds and fault injection must repeat run after run.

function hashSeed(text) {
	let h = 1779033703 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	h = Math.imul(h ^ (h >>> 16), 2246822507);
	h = Math.imul(h ^ (h >>> 13), 3266489909);
	return (h ^= h >>> 16) >>> 0;
}

function createRng(seed) {
	let state = hashSeed(String(seed));
	const next = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n) => Math.floor(next() * n);
	const hex = (n) => {
		let out = '';
		while (out.length < n) out += int(0x10000).toString(16).padStart(4, '0');
		return out.slice(0, n);
	};
	return {
		next,
		int,
		pick: (list) => list[int(list.length)],
		chance: (p) => next() < p,
		// RFC 4122 version-4 layout, so ids look like Entra object ids.
		guid: () =>
			`${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`,
		shuffle(list) {
			for (let i = list.length - 1; i > 0; i--) {
				const j = int(i + 1);
				[list[i], list[j]] = [list[j], list[i]];
			}
			return list;
		},
	};
}

module.exports = { createRng };
