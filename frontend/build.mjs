// Bundles src/main.js (and the CSS it imports, xterm.js's included) into the jar's static resources:
// Quarkus serves META-INF/resources from the classpath, so target/classes/META-INF/resources/assets/app.js
// is served at /assets/app.js. Run by Maven in generate-resources (see pom.xml), or by `npm run build`.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const outdir = fileURLToPath(new URL('../target/classes/META-INF/resources/assets/', import.meta.url));

const result = await esbuild.build({
  entryPoints: { app: fileURLToPath(new URL('src/main.js', import.meta.url)) }, // -> app.js + app.css
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
