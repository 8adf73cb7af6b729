// CDN builds from the unbundled ESM in dist/esm (run `tsc -p tsconfig.build.json` first; `npm run build`
// does both): one ES module and one classic script exposing `window.Frameport`, each self-contained
// (lit and @lit/context inlined; the host side needs no comlink) and minified. Source maps leave out
// the sources' text (the `sources` paths point at dist/esm, which ships), so each map stays small.
//
// Code that a page needs only sometimes is imported with `import()` (the RPC client at the first
// method call, the words of a failed handshake's error): the ES module build loads it from a file next to frameport.js, by a URL relative to
// it; the classic script keeps it inside. Such a file imports nothing (scripts/build.mjs checks),
// so it never loads frameport.js a second time under another URL.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * Lit keeps the text of `css` and `html` templates as written; terser cannot touch it. For our
 * own element modules, drop CSS comments, fold each line break and its indentation into one space
 * (CSS and HTML treat them alike), drop the spaces CSS does not need around `{};:,`, each
 * block's last `;` and the `0` before a decimal point.
 */
function minifyTemplates() {
  const ours = /[\\/]dist[\\/]esm[\\/]elements[\\/]/;
  return {
    name: 'frameport-minify-templates',
    transform(code, id) {
      if (!ours.test(id)) return null;
      const folded = code.replace(
        /\bcss ?`((?:[^`\\]|\\.)*)`/g,
        (_, text) =>
          `css\`${text
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};:,>])\s*/g, '$1')
            .replace(/;}/g, '}')
            .replace(/ !important/g, '!important')
            .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
            .trim()}\``,
      );
      return { code: foldHtml(folded), map: null };
    },
  };
}

/**
 * Folds each line break and its indentation into one space in the text parts of every `html`
 * template, nested ones included; the `${…}` expressions between them are copied as written.
 */
function foldHtml(code) {
  let out = '';
  let i = 0;
  const opener = /\bhtml ?`/g;
  /** Copies a template from just after its opening backtick; returns the index after its closing one. */
  const template = (from, fold) => {
    let j = from;
    let text = '';
    const flush = () => {
      out += fold ? text.replace(/\n\s*/g, ' ') : text;
      text = '';
    };
    while (j < code.length) {
      const c = code[j];
      if (c === '\\') {
        text += code.slice(j, j + 2);
        j += 2;
      } else if (c === '`') {
        flush();
        out += '`';
        return j + 1;
      } else if (c === '$' && code[j + 1] === '{') {
        flush();
        out += '${';
        j = expression(j + 2);
      } else {
        text += c;
        j++;
      }
    }
    throw new Error('foldHtml: unterminated template');
  };
  /** Copies JavaScript up to the `}` that closes a `${`; returns the index after it. */
  const expression = (from) => {
    let j = from;
    let depth = 0;
    while (j < code.length) {
      const c = code[j];
      if (c === '`') {
        const nested = /\bhtml ?$/.test(code.slice(Math.max(0, j - 6), j));
        out += '`';
        j = template(j + 1, nested);
      } else if (c === '"' || c === "'") {
        let k = j + 1;
        while (code[k] !== c) k += code[k] === '\\' ? 2 : 1;
        out += code.slice(j, k + 1);
        j = k + 1;
      } else {
        if (c === '{') depth++;
        if (c === '}' && depth-- === 0) {
          out += '}';
          return j + 1;
        }
        out += c;
        j++;
      }
    }
    throw new Error('foldHtml: unterminated expression');
  };
  for (let m = opener.exec(code); m; m = opener.exec(code)) {
    if (m.index < i) continue;
    out += code.slice(i, m.index + m[0].length);
    i = template(m.index + m[0].length, true);
    opener.lastIndex = i;
  }
  return out + code.slice(i);
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
    output: {
      dir: 'dist/cdn',
      entryFileNames: 'frameport.js',
      chunkFileNames: 'frameport-[name]-[hash].js',
      format: 'es',
      sourcemap: true,
      sourcemapExcludeSources: true,
    },
    plugins: plugins({ module: true }),
  },
  {
    input: 'dist/esm/index.js',
    output: {
      file: 'dist/cdn/frameport.iife.js',
      format: 'iife',
      name: 'Frameport',
      inlineDynamicImports: true,
      sourcemap: true,
      sourcemapExcludeSources: true,
    },
    plugins: plugins({ module: false }),
  },
];
