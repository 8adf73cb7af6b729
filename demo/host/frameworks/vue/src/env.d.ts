// Types the tags in templates (vue-tsc): `frameport/vue` augments Vue's GlobalComponents.
import type {} from 'frameport/vue';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
