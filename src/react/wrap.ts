import * as React from 'react';
import { createComponent } from '@lit/react';

/**
 * Wraps an element in a React component with `@lit/react`: props the element class has are set
 * as properties (objects and functions arrive intact), others as attributes; each handler prop
 * of `events` becomes a listener for its DOM event.
 *
 * The one thing added on top: handlers are called as `handler(event.detail, event)` rather than
 * `handler(event)`, which keeps the seed's `onExecutionRun={({ data }) => …}` working.
 */
export function wrap<I extends HTMLElement, P extends object>(options: {
  tagName: string;
  elementClass: { new (): I; readonly observedAttributes: string[] };
  events: Readonly<Record<string, string>>;
  displayName: string;
}): React.ForwardRefExoticComponent<React.PropsWithoutRef<P> & React.RefAttributes<I>> {
  const { tagName, elementClass, events, displayName } = options;
  // @lit/react sets a prop as a property only when `prop in elementClass.prototype`; Lit creates
  // the accessors of `static properties` when the class is finalized, which reading
  // `observedAttributes` does. Registration does it too, except when another copy of the SDK
  // already took the tag: without this, objects would then be stringified into attributes.
  void elementClass.observedAttributes;
  // Typed loosely on purpose: the props type users see is `P`, checked at the wrapper's boundary.
  const Inner: React.ElementType = createComponent({
    react: React,
    tagName,
    elementClass,
    events: { ...events },
    displayName,
  });
  const Outer = React.forwardRef<I, P>((props, ref) => {
    const next: Record<string, unknown> = { ...props, ref };
    for (const name of Object.keys(events)) {
      const handler = (props as Record<string, ((detail: unknown, event: Event) => void) | undefined>)[name];
      if (typeof handler === 'function') {
        // A fresh adapter each render is cheap: @lit/react keeps one listener per event and only
        // swaps the function it calls.
        next[name] = (event: Event) => void handler((event as CustomEvent).detail, event);
      }
    }
    return React.createElement(Inner, next);
  });
  Outer.displayName = displayName;
  return Outer;
}
