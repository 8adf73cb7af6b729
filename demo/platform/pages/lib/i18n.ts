/** A table of UI strings keyed by stable ids; `{name}` marks a placeholder. */
export type Strings<K extends string> = Record<K, string>;

/**
 * Every visible string goes through `t(id)`: the host's `i18nOverrides` first, then the table of the
 * current `language`, then English. `set` applies SET_SETTINGS live and notifies the page.
 */
export class I18n<K extends string> {
  language: string;
  #overrides: Record<string, string> = {};
  #listeners = new Set<() => void>();

  constructor(
    private readonly tables: { en: Strings<K> } & Record<string, Partial<Strings<K>>>,
    language = 'en',
  ) {
    this.language = safeLocale(language);
  }

  set(language: string, overrides: Record<string, string>): void {
    this.language = safeLocale(language);
    this.#overrides = { ...overrides };
    document.documentElement.lang = this.language;
    for (const listener of this.#listeners) listener();
  }

  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }

  /** The host's override for any id, including ids built from data (parameter names, options). */
  override(id: string): string | undefined {
    return this.#overrides[id];
  }

  /** Whether `id` is a known string id (e.g. an error code the platform may extend). */
  has(id: string): id is K {
    return id in this.tables.en;
  }

  t(id: K, vars: Record<string, string | number> = {}): string {
    const base = this.language.split('-')[0] ?? 'en';
    const text =
      this.#overrides[id] ?? this.tables[this.language]?.[id] ?? this.tables[base]?.[id] ?? this.tables.en[id] ?? id;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? this.format(vars[name]!) : whole));
  }

  /**
   * A string with a plural form chosen by `Intl.PluralRules` from `vars.count`: the id
   * `${id}.${category}` (`one`, `other`, ...) when the table has it, else `id` itself.
   */
  plural(id: K, vars: Record<string, string | number> = {}): string {
    const count = vars['count'];
    if (typeof count === 'number') {
      const category = new Intl.PluralRules(this.language).select(count);
      const specific = `${id}.${category}`;
      if (this.has(specific)) return this.t(specific, vars);
    }
    return this.t(id, vars);
  }

  /** A number or text in the UI language's conventions. */
  format(value: string | number, options?: Intl.NumberFormatOptions): string {
    return typeof value === 'number' ? new Intl.NumberFormat(this.language, options).format(value) : value;
  }

  date(ms: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' }): string {
    return new Intl.DateTimeFormat(this.language, options).format(ms);
  }

  duration(ms: number): string {
    if (ms < 1000) return `${this.format(Math.round(ms))} ms`;
    if (ms < 60_000) return `${this.format(Math.round(ms / 100) / 10)} s`;
    const minutes = Math.floor(ms / 60_000);
    return `${this.format(minutes)} min ${this.format(Math.round((ms % 60_000) / 1000))} s`;
  }
}

/** A language tag Intl accepts (a host may send anything): otherwise English. */
function safeLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}
