// Bundles the pages' scripts (and the CSS they import, xterm.js's included) into the jar's static resources:
// Quarkus serves META-INF/resources from the classpath, so target/classes/META-INF/resources/assets/app.js
// is served at /assets/app.js. Run by Maven in generate-resources (see pom.xml), or by `npm run build`.
//
// One entry per page, each its own JS and CSS: app (the learner page, /), staff (/staff), dashboard
// (/staff/workshops/{id}), join (/join/{code}), resume (/resume) and replay (recordings). They share modules (i18n, dom, api...),
// which each bundle includes; no code splitting, so every page loads exactly two files.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const source = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = fileURLToPath(new URL('../target/classes/META-INF/resources/assets/', import.meta.url));

const result = await esbuild.build({
  entryPoints: {
    app: source('src/main.js'), // -> app.js + app.css
    staff: source('src/staff/staff-page.js'),
    dashboard: source('src/staff/dashboard-page.js'),
    join: source('src/workshop/join-page.js'),
    resume: source('src/workshop/resume-page.js'),
    replay: source('src/replay/replay-page.js'), // /replay and /staff/workshops/{id}/learners/{learner}/replay
  },
  outdir,
  bundle: true,
  format: 'esm', // Loaded with <script type="module">.
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'eof', // Keeps xterm.js's MIT notice in the bundle.
  metafile: true,
  logLevel: 'warning',
});

for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  console.log(`frontend: ${file} ${(bytes / 1024).toFixed(1)} KiB`);
}
