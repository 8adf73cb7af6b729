// Classic script, runs before anything else on an instrumented host page: tracks every
// listener added to or removed from window and document, keyed like the DOM does
// (target, type, listener, capture), so duplicates and mismatched removals count right.
(() => {
  const live = new Map();
  const ids = new WeakMap();
  let next = 0;
  const id = (fn) => {
    if (!ids.has(fn)) ids.set(fn, ++next);
    return ids.get(fn);
  };
  const name = (target) => (target === window ? 'window' : target === document ? 'document' : null);
  const capture = (options) => (typeof options === 'boolean' ? options : Boolean(options && options.capture));
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  proto.addEventListener = function (type, listener, options) {
    const target = name(this);
    if (target && listener) {
      const key = `${target}|${type}|${id(listener)}|${capture(options)}`;
      live.set(key, true);
      // An AbortSignal removes the listener without removeEventListener.
      if (options && typeof options === 'object' && options.signal)
        options.signal.addEventListener('abort', () => live.delete(key), { once: true });
    }
    return add.call(this, type, listener, options);
  };
  proto.removeEventListener = function (type, listener, options) {
    const target = name(this);
    if (target && listener) live.delete(`${target}|${type}|${id(listener)}|${capture(options)}`);
    return remove.call(this, type, listener, options);
  };
  globalThis.__benchListeners = live;
})();
