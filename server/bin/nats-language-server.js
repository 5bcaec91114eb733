#!/usr/bin/env node
require('../dist/nats-language-server.js');
