const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);

/** Copies node and credential icons (and codex files) next to the compiled code in dist/. */
function copyIcons() {
	src('icons/**/*.svg', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
	return src(['nodes/**/*.{png,svg,json}'], { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}
