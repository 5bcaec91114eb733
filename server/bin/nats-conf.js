#!/usr/bin/env node
require('../dist/nats-conf.js').main();
