// `nats-language-server --stdio` (or node IPC when VS Code starts it).

import { startServer } from './server';

startServer();
