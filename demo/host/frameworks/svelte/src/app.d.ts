// Types the tags in templates (svelte-check): `frameport/svelte` augments svelte/elements.
import type {} from 'frameport/svelte';
