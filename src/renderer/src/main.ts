// Renderer entry: Zod set up for the CSP, Vue + Pinia mounted, then the live event wiring and the first
// hydrate of every store.
import '@shared/zodCsp';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { startLiveUpdates } from './stores/liveUpdates';
import './styles/app.css';

const app = createApp(App);
app.use(createPinia());
app.mount('#app');
startLiveUpdates();
