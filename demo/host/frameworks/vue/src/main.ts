import 'frameport'; // registers <notebook-embed> and <execution-details>
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
