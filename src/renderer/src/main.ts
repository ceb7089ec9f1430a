import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { resettableStores } from './stores/reset-plugin';
import './styles/main.css';
import './styles/layout.css';
import './styles/accessibility.css';

const pinia = createPinia();
pinia.use(resettableStores);

createApp(App).use(pinia).use(i18n).mount('#app');
