import * as React from 'react';

/** What Lit knows of one declared property (`static properties`). */
interface DeclaredProperty {
  attribute?: boolean | string;
}

/** An element class as the wrapper reads it: Lit's declared properties and the prototype. */
interface ElementClass<I> {
  new (): I;
  readonly observedAttributes: string[];
  readonly elementProperties?: Map<PropertyKey, DeclaredProperty>;
  readonly prototype: I;
}

/** Properties never written into markup: a token must not land in server-rendered HTML. */
const NEVER_AS_ATTRIBUTE = new Set(['accessToken']);

/** Props React itself handles on the tag. */
const REACT_PROPS = new Set(['children', 'style', 'className', 'key', 'dangerouslySetInnerHTML']);

/** Prop name -> attribute name, for every declared property that has an attribute. */
function attributeNames(elementClass: ElementClass<unknown>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, options] of elementClass.elementProperties ?? []) {
    if (typeof name !== 'string' || options.attribute === false || NEVER_AS_ATTRIBUTE.has(name)) continue;
    names.set(name, typeof options.attribute === 'string' ? options.attribute : name.toLowerCase());
  }
  return names;
}

/**
 * The attribute text of a prop value, or undefined to leave it out: objects and functions are
 * never serialized into markup (they arrive as properties in the browser), a false boolean is
 * absent, except `auto-resize="false"` (its default is true).
 */
function attributeText(attribute: string, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? '' : attribute === 'auto-resize' ? 'false' : undefined;
  return undefined;
}

type DetailHandler = (detail: unknown, event: Event) => void;

/**
 * Wraps an element in a React component that works the same on the server and in the browser:
 *
 * - string, number and boolean props that have an attribute are rendered as that attribute
 *   (`executionId` -> `execution-id="…"`), so server HTML carries them; `accessToken` never is;
 * - every prop the element class has is also set as a property after render (objects and
 *   functions arrive intact, and are never serialized into HTML);
 * - each handler prop of `events` listens for its DOM event and is called as
 *   `handler(event.detail, event)`, which keeps `onExecutionRun={({ data }) => …}` working;
 * - other props (`id`, `className`, `aria-*`, …) are React's.
 */
export function wrap<I extends HTMLElement, P extends object>(options: {
  tagName: string;
  elementClass: ElementClass<I>;
  events: Readonly<Record<string, string>>;
  displayName: string;
}): React.ForwardRefExoticComponent<React.PropsWithoutRef<P> & React.RefAttributes<I>> {
  const { tagName, elementClass, events, displayName } = options;
  // Lit creates the accessors of `static properties` when the class is finalized, which reading
  // `observedAttributes` does. Registration does it too, except when another copy of the SDK
  // already took the tag: without this, `name in prototype` would miss them.
  void elementClass.observedAttributes;
  const attributes = attributeNames(elementClass);

  const Outer = React.forwardRef<I, P>((props, ref) => {
    const element = React.useRef<I | null>(null);
    const previous = React.useRef(new Map<string, unknown>());
    const handlers = React.useRef(new Map<string, DetailHandler | undefined>());
    const listening = React.useRef(new Map<string, EventListener>());

    const markup: Record<string, unknown> = {};
    const properties = new Map<string, unknown>();
    for (const [name, value] of Object.entries(props as Record<string, unknown>)) {
      if (REACT_PROPS.has(name)) {
        markup[name === 'className' ? 'class' : name] = value;
      } else if (name in events) {
        handlers.current.set(events[name]!, typeof value === 'function' ? (value as DetailHandler) : undefined);
      } else if (name in elementClass.prototype) {
        properties.set(name, value);
        const attribute = attributes.get(name);
        const text = attribute === undefined ? undefined : attributeText(attribute, value);
        if (attribute !== undefined && text !== undefined) markup[attribute] = text;
      } else {
        markup[name] = value;
      }
    }
    for (const [name, type] of Object.entries(events)) {
      if (!(name in props)) handlers.current.set(type, undefined);
    }

    // Properties, after every render (layout effects never run on the server).
    React.useLayoutEffect(() => {
      const node = element.current as unknown as Record<string, unknown> | null;
      if (!node) return;
      for (const [name, value] of properties) {
        if (!previous.current.has(name) || previous.current.get(name) !== value) node[name] = value;
      }
      for (const name of previous.current.keys()) if (!properties.has(name)) node[name] = undefined;
      previous.current = properties;
    });

    // One listener per event for the element's lifetime; it calls the latest handler.
    React.useLayoutEffect(() => {
      const node = element.current;
      if (!node) return;
      for (const type of Object.values(events)) {
        const listener: EventListener = (event) => handlers.current.get(type)?.((event as CustomEvent).detail, event);
        node.addEventListener(type, listener);
        listening.current.set(type, listener);
      }
      return () => {
        for (const [type, listener] of listening.current) node.removeEventListener(type, listener);
        listening.current.clear();
      };
    }, []);

    const setRef = React.useCallback(
      (node: I | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );

    // The attributes the server rendered may differ in form from what the browser reflects.
    return React.createElement(tagName, { ...markup, ref: setRef, suppressHydrationWarning: true });
  });
  Outer.displayName = displayName;
  return Outer;
}
