import * as React from 'react';

/** The props this looks at: the seed's `settings.modal`, and an explicit `open`. */
interface ModalProps {
  settings?: { modal?: boolean | undefined } | undefined;
  open?: boolean | undefined;
}

/**
 * The seed's component shows itself in a modal as soon as it is rendered with
 * `settings={{ modal: true }}`, and the app unmounts it in `onClose`. The element needs `open`
 * (or `show()`) for that; this opens it once, on mount, unless the app passes `open` itself.
 * Closing is the element's: Escape, the X, the backdrop or the embed's Cancel fire one `close`
 * (so one `onClose`), and a later re-render does not open it again.
 */
export function openModalOnMount<I extends HTMLElement & { show(): void }, P extends ModalProps>(
  Inner: React.ForwardRefExoticComponent<React.PropsWithoutRef<P> & React.RefAttributes<I>>,
  displayName: string,
): React.ForwardRefExoticComponent<React.PropsWithoutRef<P> & React.RefAttributes<I>> {
  const Outer = React.forwardRef<I, P>((props, ref) => {
    const element = React.useRef<I | null>(null);
    const setRef = React.useCallback(
      (node: I | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    const openOnMount = props.settings?.modal === true && props.open === undefined;
    // Runs after the inner component's own layout effects, which set `settings` on the element.
    React.useLayoutEffect(() => {
      if (openOnMount) element.current?.show();
      // Only on mount: what the user closed stays closed.
    }, []);
    return React.createElement(Inner, { ...props, ref: setRef } as React.PropsWithoutRef<P> & React.RefAttributes<I>);
  });
  Outer.displayName = displayName;
  return Outer;
}
