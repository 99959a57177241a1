// npm run bench:online-queue [-- --dossiers N --rounds R] — the counter's online queue of N waiting dossiers
// (default 1,000) listed R times (scripts/bench/online-queue-listing.ts; issue 15 acceptance: p95 ≤ 50 ms).
import { parseArgs } from 'node:util';
import { benchOnlineQueueListing, describeListing } from './online-queue-listing';

const { values } = parseArgs({ options: { dossiers: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '40' } } });
const rounds = Number(values.rounds);
for (const line of describeListing(await benchOnlineQueueListing(Number(values.dossiers), rounds), rounds)) console.log(line);
