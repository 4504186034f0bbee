const path = require('path');
const { task, src, dest, parallel } = require('gulp');

/** Icons and codex files sit next to the compiled code in dist/, where n8n looks for them. */
const copyIcons = () => src('icons/**/*.svg', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
const copyNodeAssets = () =>
	src('nodes/**/*.{png,svg,json}', { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));

task('build:icons', parallel(copyIcons, copyNodeAssets));
