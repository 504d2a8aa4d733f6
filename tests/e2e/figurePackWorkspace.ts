// Writes the figure-pack test fixture (two Gaussian loops, a phase map, a neural loop, a classifier: real SQLite
// file and artifact files) into the workspace named on the command line, for the e2e to serve. Run with
// `tsx --tsconfig tsconfig.node.json` (the fixture imports src through the @shared alias).
import { createPackFixture } from '../main/core/export/packFixture';

const workspace = process.argv[2];
if (!workspace) throw new Error('figurePackWorkspace: give the workspace folder');
const fixture = createPackFixture(workspace);
process.stdout.write(`${JSON.stringify(fixture.runs)}\n`);
fixture.close();
