// CDN builds from the unbundled ESM in dist/esm (run `tsc -p tsconfig.build.json` first; `npm run build`
// does both): one ES module and one classic script exposing `window.Frameport`, each self-contained
// (lit and @lit/context inlined; the host side needs no comlink) and minified. Source maps leave out
// the sources' text (the `sources` paths point at dist/esm, which ships), so each map stays small.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * Lit keeps the text of `css` and `html` templates as written; terser cannot touch it. For our
 * own element modules, drop CSS comments, fold each line break and its indentation into one space
 * (CSS and HTML treat them alike), and drop the spaces CSS does not need around `{};:,`.
 */
function minifyTemplates() {
  const ours = /[\\/]dist[\\/]esm[\\/]elements[\\/]/;
  return {
    name: 'frameport-minify-templates',
    transform(code, id) {
      if (!ours.test(id)) return null;
      const folded = code
        .replace(
          /\bcss ?`((?:[^`\\]|\\.)*)`/g,
          (_, text) =>
            `css\`${text
              .replace(/\/\*[\s\S]*?\*\//g, '')
              .replace(/\s+/g, ' ')
              .replace(/\s*([{};:,>])\s*/g, '$1')
              .trim()}\``,
        )
        .replace(/\bhtml ?`([^`]*)`/g, (_, text) => `html\`${text.replace(/\n\s*/g, ' ')}\``);
      return { code: folded, map: null };
    },
  };
}

/** `module`: whether top-level names may be mangled (not in the IIFE, whose `var Frameport` is the API). */
const plugins = ({ module }) => [
  // The `browser` + `production` conditions: Lit's production build, never its Node or dev builds.
  nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'import', 'default'] }),
  minifyTemplates(),
  terser({ ecma: 2022, module, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    input: 'dist/esm/index.js',
    output: { file: 'dist/cdn/frameport.js', format: 'es', sourcemap: true, sourcemapExcludeSources: true },
    plugins: plugins({ module: true }),
  },
  {
    input: 'dist/esm/index.js',
    output: {
      file: 'dist/cdn/frameport.iife.js',
      format: 'iife',
      name: 'Frameport',
      sourcemap: true,
      sourcemapExcludeSources: true,
    },
    plugins: plugins({ module: false }),
  },
];
