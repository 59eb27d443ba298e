// The one home of the esbuild settings both bundles share: the CLI that `npm run build` ships in
// dist/ (build-cli.mjs) and the action's single committed file (build-action.mjs).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * esbuild bundles literal `require()` calls only; src/plan/plan-file.ts loads ajv lazily through
 * `createRequire`, so the bundle sees those calls as `require()` (still lazy: esbuild wraps CommonJS
 * modules in a function run on first require).
 */
const lazyRequireAsRequire = {
  name: 'lazy-require-as-require',
  setup(b) {
    b.onLoad({ filter: /src[\\/]plan[\\/]plan-file\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/\brequireCjs\(/g, 'require('),
      loader: 'ts',
    }));
  },
};

/**
 * libphonenumber-js's `matchesEntirely` builds a new RegExp from a metadata pattern at every test:
 * about ten per number read, each hashing and flattening a pattern string that runs to kilobytes
 * (the US fixed-line pattern lists every area code). That was most of the CPU of reading a config's
 * numbers (docs/benchmarks.md, issue 31). The bundle keeps one RegExp per pattern instead, as
 * Google's libphonenumber does (RegexCache) and as its Python and Ruby ports do. The answers are the
 * same: `matchesEntirely` is only ever given the metadata's own patterns (so the cache is bounded
 * by the metadata), and a RegExp without the `g` or `y` flag keeps no state between `test`s.
 * test/integration/bundle-number-patterns.test.ts holds both. The version is pinned in package.json; a
 * version whose file no longer reads as expected fails the build, to be looked at again.
 */
const MATCHES_ENTIRELY_TEST = "return new RegExp('^(?:' + regularExpressionText + ')$').test(text);";
const cachedPatterns = {
  name: 'libphonenumber-cached-patterns',
  setup(b) {
    b.onLoad({ filter: /[\\/]libphonenumber-js[\\/](es6|build)[\\/]helpers[\\/]matchesEntirely\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (source.split(MATCHES_ENTIRELY_TEST).length !== 2) {
        throw new Error(`${args.path} no longer reads as scripts/esbuild-options.mjs expects (\`${MATCHES_ENTIRELY_TEST}\`): check that its patterns can still be cached, and update the plugin`);
      }
      const cached =
        'let pattern = DIALFORM_PATTERNS.get(regularExpressionText); ' +
        "if (pattern === undefined) { pattern = new RegExp('^(?:' + regularExpressionText + ')$'); DIALFORM_PATTERNS.set(regularExpressionText, pattern); } " +
        'return pattern.test(text);';
      return { contents: `var DIALFORM_PATTERNS = new Map();\n${source.replace(MATCHES_ENTIRELY_TEST, () => cached)}`, loader: 'js' };
    });
  },
};

/**
 * Every dependency is bundled: the built CLI needs no node_modules at run time. ESM for Node 20
 * (this machine) to 26 (users'). Not minified: it starts no faster minified (measured in
 * docs/benchmarks.md), and an unminified bundle keeps a bug report's stack trace readable and each
 * module's `// path` comment, which test/integration/cli-startup.test.ts reads.
 */
export const BUNDLE_OPTIONS = {
  // Paths in the bundle's comments are relative to this, so the output is the same from any cwd.
  absWorkingDir: ROOT,
  // …and a worktree whose node_modules is a symlink to another checkout's bundles the same text.
  preserveSymlinks: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ESM output: CommonJS dependencies that require Node built-ins need a real `require`.
  banner: { js: "import { createRequire as __dialformCreateRequire } from 'node:module'; const require = __dialformCreateRequire(import.meta.url);" },
  plugins: [lazyRequireAsRequire, cachedPatterns],
  legalComments: 'none',
  logLevel: 'warning',
};
