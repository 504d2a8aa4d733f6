#!/usr/bin/env node
// The `ouroboros` command: makes sure the native SQLite module matches this Node and the build exists,
// then hands over to the built CLI (out/main/cli.js).
'use strict';
const { join } = require('node:path');
const root = join(__dirname, '..');
require(join(root, 'scripts', 'native-abi.cjs')).ensureNodeAbi();
require(join(root, 'scripts', 'ensure-build.cjs')).ensureBuild();
require(join(root, 'out', 'main', 'cli.js'));
